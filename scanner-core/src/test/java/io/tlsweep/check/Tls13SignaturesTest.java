package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.SignatureAlgorithmsCheck.Answer;
import io.tlsweep.check.SignatureAlgorithmsCheck.Outcome;
import io.tlsweep.check.SignatureAlgorithmsCheck.Part;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.SignatureScheme;
import io.tlsweep.wire.Vectors;
import io.tlsweep.wire.tls13.FlightReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS 1.3 half of {@link SignatureAlgorithmsCheck} on flights captured from {@code openssl s_server -tls1_3} with
 * RSA, ECDSA P-256 and Ed25519 keys and from a scripted server that signs with rsa_pkcs1_sha256
 * (vectors/tls13sig/capture_tls13sig.py): each flight decrypted with the capture's own x25519 key, fed whole, in pieces
 * and byte by byte as the engine reads it, truncated at every length and mutated; the judgement and finding over
 * the answers; the schemes planned per key type.
 */
class Tls13SignaturesTest {
    private static final byte[] PRIVATE = Vectors.load("tls13sig/client-x25519-private.hex");

    static Stream<Arguments> captured() {
        return Stream.of(
                Arguments.of("rsa-pss-rsae-sha256", SignatureScheme.RSA_PSS_RSAE_SHA256, Outcome.SIGNED),
                Arguments.of("ed25519", SignatureScheme.ED25519, Outcome.SIGNED),
                Arguments.of("rsa-pkcs1-sha256", SignatureScheme.RSA_PKCS1_SHA256, Outcome.REFUSED),
                Arguments.of("ecdsa-sha1", SignatureScheme.ECDSA_SHA1, Outcome.REFUSED),
                Arguments.of("scripted-rsa-pkcs1-sha256", SignatureScheme.RSA_PKCS1_SHA256, Outcome.SIGNED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captured")
    void theCertificateVerifyOfACapturedFlightGivesTheScheme(String vector, SignatureScheme offered, Outcome outcome) {
        byte[] client = Vectors.load("tls13sig/" + vector + ".client.hex");
        byte[] server = Vectors.load("tls13sig/" + vector + ".server.hex");
        for (int step : new int[] {server.length, 50, 1}) {
            Answer a = answer(offered, read(client, server, step));
            assertThat(a.version()).isEqualTo(ProtocolVersion.TLSv1_3);
            assertThat(a.outcome()).as("in pieces of %d", step).isEqualTo(outcome);
            assertThat(a.used()).isEqualTo(outcome == Outcome.SIGNED ? Optional.of(offered) : Optional.empty());
            assertThat(a.weak()).isEqualTo(vector.startsWith("scripted"));
        }
    }

    @Test
    void openSslRefusesWithHandshakeFailureAndTheOthersSignWholeFlights() {
        byte[] refused = Vectors.load("tls13sig/rsa-pkcs1-sha256.server.hex");
        assertThat(answer(SignatureScheme.RSA_PKCS1_SHA256, read(new byte[0], refused, 1)).detail())
                .contains("fatal alert handshake_failure");
        ServerResponse pss = read(Vectors.load("tls13sig/rsa-pss-rsae-sha256.client.hex"),
                Vectors.load("tls13sig/rsa-pss-rsae-sha256.server.hex"), 50);
        EncryptedFlight flight = ((ServerHello) pss).flight().encrypted().orElseThrow();
        assertThat(flight.whole()).isTrue();
        assertThat(flight.signature()).isEqualTo(EncryptedFlight.SignatureCheck.VERIFIED);
    }

    @Test
    void theSchemeIsKnownOnceTheCertificateVerifyIsReadAndEveryTruncationGivesAnAnswer() {
        byte[] client = Vectors.load("tls13sig/scripted-rsa-pkcs1-sha256.client.hex");
        byte[] server = Vectors.load("tls13sig/scripted-rsa-pkcs1-sha256.server.hex");
        int finishedRecord = 5 + 4 + 32 + 1 + 16;
        int certificateVerifyEnd = server.length - finishedRecord;
        for (int n = 0; n <= server.length; n++) {
            Answer a = answer(SignatureScheme.RSA_PKCS1_SHA256, read(client, Arrays.copyOf(server, n), server.length));
            assertThat(a.outcome()).as("cut at %d", n).isEqualTo(n >= certificateVerifyEnd ? Outcome.SIGNED
                    : Outcome.NO_ANSWER);
        }
    }

    @Test
    void aMutatedFlightNeverBreaksTheReadAndATamperedRecordIsNoAnswer() {
        byte[] client = Vectors.load("tls13sig/scripted-rsa-pkcs1-sha256.client.hex");
        byte[] server = Vectors.load("tls13sig/scripted-rsa-pkcs1-sha256.server.hex");
        for (int i = 0; i < server.length; i += 5) {
            byte[] mutated = server.clone();
            mutated[i] ^= (byte) 0x5A;
            assertThat(answer(SignatureScheme.RSA_PKCS1_SHA256, read(client, mutated, 50))).isNotNull();
        }
        byte[] tampered = server.clone();
        tampered[server.length - 60] ^= 1; // inside the CertificateVerify record: its tag no longer verifies
        Answer a = answer(SignatureScheme.RSA_PKCS1_SHA256, read(client, tampered, 50));
        assertThat(a.outcome()).isEqualTo(Outcome.NO_ANSWER);
        assertThat(a.detail()).hasValueSatisfying(d -> assertThat(d).contains("bad-record-mac"));
        Answer unreadable = answer(SignatureScheme.RSA_PKCS1_SHA256, read(
                Vectors.load("tls13sig/ed25519.client.hex"), server, 50));
        assertThat(unreadable.outcome()).as("another hello's transcript").isEqualTo(Outcome.NO_ANSWER);
    }

    @Test
    void signingWithASchemeTls13ForbidsIsVulnerableAndAFinding() {
        Part part = SignatureAlgorithmsCheck.fold(List.of(
                exchange("rsa-pss-rsae-sha256", SignatureScheme.RSA_PSS_RSAE_SHA256),
                exchange("scripted-rsa-pkcs1-sha256", SignatureScheme.RSA_PKCS1_SHA256)));
        assertThat(part.judgement()).isEqualTo(Judgement.vulnerable("TLS 1.3 CertificateVerify signed with a scheme"
                + " TLS 1.3 forbids: rsa_pkcs1_sha256 (RFC 8446 §4.4.3)"));
        assertThat(new SignatureAlgorithmsCheck().findings(part, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isSameAs(SignatureAlgorithmsCheck.TLS13_FORBIDDEN_SIGNATURE);
            assertThat(f.detail()).isEqualTo("TLSv1.3: rsa_pkcs1_sha256");
        });
    }

    @Test
    void refusingTheForbiddenSchemesIsNotVulnerableAndALostAnswerIsInconclusive() {
        HelloRound.Exchange signed = exchange("rsa-pss-rsae-sha256", SignatureScheme.RSA_PSS_RSAE_SHA256);
        Part good = SignatureAlgorithmsCheck.fold(List.of(signed, exchange("rsa-pkcs1-sha256",
                SignatureScheme.RSA_PKCS1_SHA256)), Optional.of("TLS 1.2 not accepted"), Optional.empty());
        assertThat(good.judgement()).isEqualTo(Judgement.notVulnerable("TLS 1.2 not accepted; TLS 1.3 CertificateVerify signed with"
                + " rsa_pss_rsae_sha256; no scheme TLS 1.3 forbids"));
        assertThat(new SignatureAlgorithmsCheck().findings(good, null)).isEmpty();
        HelloRound.Exchange lost = new HelloRound.Exchange("x", hello(SignatureScheme.RSA_PKCS1_SHA1),
                new ConnectionOutcome.NoReply(Failure.of(FailureKind.READ_TIMEOUT, "no reply in 5 s"), Timings.NONE));
        Part open = SignatureAlgorithmsCheck.fold(List.of(signed, lost));
        assertThat(open.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(open.judgement().reason()).startsWith("no answer to the TLS 1.3 offer of a forbidden scheme:"
                + " rsa_pkcs1_sha1 (");
        Part unasked = SignatureAlgorithmsCheck.fold(List.of(signed), Optional.empty(), Optional.of("TLS 1.3 not asked: x"));
        assertThat(unasked.judgement().reason()).endsWith("; TLS 1.3 not asked: x");
    }

    @Test
    void theSchemesPlannedFollowTheKeyTheScanSaw() {
        List<SignatureScheme> rsa = Tls13Signatures.schemesFor(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(rsa).hasSize(5).filteredOn(Tls13Signatures::forbidden).containsExactly(
                SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA1);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.RSA_PKCS1_SHA256)).isEqualTo(rsa);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.RSA_PSS_PSS_SHA384)).hasSize(5)
                .startsWith(SignatureScheme.RSA_PSS_PSS_SHA256);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.ECDSA_SECP384R1_SHA384)).containsExactly(
                SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SHA1);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.ECDSA_SHA1)).hasSize(4);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.ED25519)).containsExactly(SignatureScheme.ED25519);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.ED448)).containsExactly(SignatureScheme.ED448);
        assertThat(Tls13Signatures.schemesFor(SignatureScheme.MLDSA65)).isEmpty();
        assertThat(Tls13Signatures.schemesForTls12Keys(true, false)).as("no TLS 1.3 flight read: TLS 1.2's RSA key")
                .isEqualTo(rsa);
        assertThat(Tls13Signatures.schemesForTls12Keys(true, true)).hasSize(5 + 4).endsWith(
                SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SHA1);
        assertThat(Tls13Signatures.schemesForTls12Keys(false, false)).isEmpty();
        assertThat(SignatureScheme.all()).filteredOn(Tls13Signatures::forbidden).allSatisfy(s ->
                assertThat(s.code() <= 0x0620 && s.code() != 0x0403 && s.code() != 0x0503 && s.code() != 0x0603)
                        .as(s.name()).isTrue())
                .contains(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1,
                        SignatureScheme.RSA_MD5, SignatureScheme.DSA_SHA256, SignatureScheme.RSA_SHA224);
        ClientHelloSpec h = hello(SignatureScheme.ED25519);
        assertThat(h.highestOffered()).isEqualTo(ProtocolVersion.TLSv1_3);
        assertThat(h.signatureAlgorithms()).containsExactly(SignatureScheme.ED25519);
        assertThat(h.supportedGroups()).containsExactly(NamedGroup.X25519, NamedGroup.SECP256R1);
        assertThat(h.keyShares().orElseThrow()).extracting(k -> k.group()).containsExactly(NamedGroup.X25519,
                NamedGroup.SECP256R1);
    }

    /**
     * The reply as the engine decodes it: the ServerHello once whole, then the encrypted flight read with the
     * capture's key until it is read, {@code step} bytes more each time; at the end of the bytes, as far as it goes.
     */
    static ServerResponse read(byte[] client, byte[] server, int step) {
        FlightReader.PrivateKeys keys = (group, value) -> group.equals(NamedGroup.X25519)
                ? Optional.of(privateKey()) : Optional.empty();
        ServerHello hello = null;
        FlightReader.Opening.Opened opened = null;
        for (int n = Math.min(step, server.length); ; n = Math.min(n + step, server.length)) {
            boolean atEnd = n == server.length;
            if (hello == null) {
                ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(server, 0, n);
                if (d instanceof ServerResponseDecoder.Decoding.Done done) {
                    if (!(done.response() instanceof ServerHello sh) || !sh.version().equals(ProtocolVersion.TLSv1_3)) {
                        return done.response();
                    }
                    FlightReader.Opening o = FlightReader.open(client, server, 0, n, keys);
                    if (o instanceof FlightReader.Opening.Unreadable u) {
                        return sh.withEncryptedFlight(List.of(), EncryptedFlight.unread(u.problem()));
                    }
                    hello = sh;
                    opened = (FlightReader.Opening.Opened) o;
                } else if (atEnd) {
                    return ServerResponseDecoder.finish(server, 0, n);
                }
            }
            if (opened != null && FlightReader.read(opened.keys(), server, 0, n, atEnd)
                    instanceof FlightReader.Reading.Read r) {
                return hello.withEncryptedFlight(r.certificates(), r.flight());
            }
        }
    }

    private static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                    PRIVATE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer answer(SignatureScheme offered, ServerResponse response) {
        return SignatureAlgorithmsCheck.answer(new HelloRound.Exchange("test", hello(offered),
                new ConnectionOutcome.Replied(response, Timings.NONE)));
    }

    private static HelloRound.Exchange exchange(String vector, SignatureScheme offered) {
        return new HelloRound.Exchange("test", hello(offered), new ConnectionOutcome.Replied(read(
                Vectors.load("tls13sig/" + vector + ".client.hex"), Vectors.load("tls13sig/" + vector + ".server.hex"),
                50), Timings.NONE));
    }

    private static ClientHelloSpec hello(SignatureScheme offered) {
        return Tls13Signatures.hellos(List.of(offered), List.of(CipherSuite.of(0x1301)), Optional.empty()).get(0)
                .hello();
    }
}
