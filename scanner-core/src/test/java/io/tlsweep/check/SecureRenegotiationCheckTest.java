package io.tlsweep.check;

import static io.tlsweep.check.LegacyBytes.feed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.Judgement.Result;
import io.tlsweep.check.SecureRenegotiationCheck.Part;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The secure renegotiation check's decision: what a ServerHello to the scan's hello (which carries the SCSV) says,
 * read from OpenSSL 3.0's (captured) and the scripted server's without RFC 5746, whole, in pieces, truncated and
 * mutated; then how the versions the scan accepted make one judgement.
 */
class SecureRenegotiationCheckTest {
    private static final ClientHelloSpec SCAN_TLS12 = HelloTemplates.upTo(ProtocolVersion.TLSv1_2,
            ProtocolVersion.TLSv1_2, List.of(CipherSuite.of(LegacyBytes.AES128_SHA)), Optional.empty());
    private static final byte[] OPENSSL = LegacyBytes.capture("deflate-offered-openssl");
    private static final byte[] WITHOUT = LegacyBytes.answer(LegacyBytes.script(LegacyQuirk.NO_RENEGOTIATION_INFO),
            SCAN_TLS12);
    private static final byte[] WITH = LegacyBytes.answer(LegacyBytes.script(), SCAN_TLS12);

    private static ProtocolSupport accepted(ProtocolVersion v) {
        return new ProtocolSupport(v, List.of(CipherSuite.of(LegacyBytes.AES128_SHA)), PreferenceOrder.SERVER, false,
                List.of(), Optional.empty(), true, Optional.empty());
    }

    /** The check's part from one TLS 1.2 reply, as the scan would have observed it. */
    private static Part judgeTls12(ServerResponse reply) {
        Map<ProtocolVersion, Boolean> seen = reply instanceof ServerHello sh
                ? Map.of(ProtocolVersion.TLSv1_2, sh.secureRenegotiation()) : Map.of();
        return SecureRenegotiationCheck.judge(List.of(accepted(ProtocolVersion.TLSv1_2)), seen);
    }

    @Test
    void theScansHelloCarriesTheScsv() {
        assertThat(SCAN_TLS12.cipherSuites()).contains(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    }

    @Test
    void renegotiationInfoAnsweredIsSecure() {
        for (byte[] flight : List.of(OPENSSL, WITH)) {
            for (int step : new int[] {Integer.MAX_VALUE, 50, 1}) {
                Part part = judgeTls12(feed(flight, step));
                assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable(
                        "renegotiation_info in the ServerHello of TLSv1.2"));
                assertThat(new SecureRenegotiationCheck().findings(part, null)).isEmpty();
            }
        }
    }

    @Test
    void noRenegotiationInfoIsTheFlaw() {
        for (int step : new int[] {Integer.MAX_VALUE, 50, 1}) {
            Part part = judgeTls12(feed(WITHOUT, step));
            assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("no renegotiation_info in the ServerHello of"
                    + " TLSv1.2 (the hello carried TLS_EMPTY_RENEGOTIATION_INFO_SCSV)"));
            assertThat(part.renegotiationInfo()).containsExactly(Map.entry(ProtocolVersion.TLSv1_2, false));
            assertThat(new SecureRenegotiationCheck().findings(part, null)).singleElement()
                    .satisfies(f -> assertThat(f.kind()).isSameAs(SecureRenegotiationCheck.INSECURE));
        }
    }

    @Test
    void aTruncatedServerHelloSaysNothing() {
        int serverHelloEnd = 5 + 4 + ((OPENSSL[5 + 2] & 0xff) << 8 | (OPENSSL[5 + 3] & 0xff));
        for (int n = 0; n < serverHelloEnd; n++) {
            ServerResponse r = ServerResponseDecoder.finish(Arrays.copyOf(OPENSSL, n));
            assertThat(r).as("%d bytes", n).isNotInstanceOf(ServerHello.class);
            assertThat(judgeTls12(r).judgement().result()).isEqualTo(Result.NOT_APPLICABLE);
        }
        assertThat(judgeTls12(ServerResponseDecoder.finish(Arrays.copyOf(OPENSSL, serverHelloEnd))).judgement()
                .result()).isEqualTo(Result.NOT_VULNERABLE);
    }

    @Test
    void mutatedTheExtensionDecides() {
        byte[] otherType = OPENSSL.clone();
        int at = indexOf(otherType, new byte[] {(byte) 0xff, 0x01, 0x00, 0x01, 0x00});
        otherType[at + 1] = 0x02;
        assertThat(judgeTls12(feed(otherType, 50)).judgement().result()).isEqualTo(Result.VULNERABLE);
        byte[] nonEmpty = OPENSSL.clone();
        nonEmpty[at + 4] = 0x01; // renegotiated_connection claims a byte it does not have
        assertThat(judgeTls12(feed(nonEmpty, 50)).judgement().result()).isNotEqualTo(Result.NOT_VULNERABLE);
    }

    @Test
    void versionsTogether() {
        Map<ProtocolVersion, Boolean> mixed = new LinkedHashMap<>();
        mixed.put(ProtocolVersion.TLSv1_0, false);
        mixed.put(ProtocolVersion.TLSv1_2, true);
        List<ProtocolSupport> accepted = List.of(accepted(ProtocolVersion.TLSv1_0), accepted(ProtocolVersion.TLSv1_2),
                accepted(ProtocolVersion.TLSv1_3));
        assertThat(SecureRenegotiationCheck.judge(accepted, mixed).judgement().reason())
                .startsWith("no renegotiation_info in the ServerHello of TLSv1.0 (");
        assertThat(SecureRenegotiationCheck.judge(List.of(accepted(ProtocolVersion.TLSv1_3)), Map.of()).judgement())
                .isEqualTo(Judgement.notApplicable("TLS 1.3 only: it has no renegotiation"));
        assertThat(SecureRenegotiationCheck.judge(List.of(), Map.of()).judgement())
                .isEqualTo(Judgement.notApplicable("no version accepted"));
    }

    @Test
    void itsPartRoundTripsThroughItsJson() {
        PartJson<Part> json = new SecureRenegotiationCheck().json().orElseThrow();
        Map<ProtocolVersion, Boolean> mixed = new LinkedHashMap<>();
        mixed.put(ProtocolVersion.TLSv1_0, false);
        mixed.put(ProtocolVersion.TLSv1_2, true);
        Part part = SecureRenegotiationCheck.judge(List.of(accepted(ProtocolVersion.TLSv1_0)), mixed);
        Part tls13 = SecureRenegotiationCheck.judge(List.of(accepted(ProtocolVersion.TLSv1_3)), Map.of());
        for (Part p : List.of(part, tls13)) {
            assertThat(json.read(json.write(p))).isEqualTo(p);
        }
        assertThat(json.write(part).path("renegotiationInfo").toString()).isEqualTo(
                "{\"TLSv1.0\":false,\"TLSv1.2\":true}");
        ObjectNode broken = json.write(part);
        broken.putObject("renegotiationInfo").put("TLSv1.2", "yes");
        assertThatThrownBy(() -> json.read(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLSv1.2");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
