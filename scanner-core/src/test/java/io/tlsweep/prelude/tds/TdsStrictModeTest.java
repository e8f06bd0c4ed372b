package io.tlsweep.prelude.tds;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * TDS 8.0 strict mode ({@code starttls=mssql-strict}) as a protocol of the registry, and the ALPN {@code tds/8.0}
 * it puts in every hello: byte for byte what {@code openssl s_client -alpn tds/8.0} sends
 * (vectors/client-openssl-alpn-tds8.client.hex).
 */
class TdsStrictModeTest {
    /** type 16, length 10, list length 8, name length 7, "tds/8.0": read off the capture, written out by hand. */
    private static final String ALPN_EXTENSION = "0010" + "000a" + "0008" + "07" + "7464732f382e30";

    private static ClientHello decoded(byte[] record) {
        ClientHelloDecoder.Result r = ClientHelloDecoder.decode(record);
        assertThat(r).isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
        return ((ClientHelloDecoder.Result.Decoded) r).hello();
    }

    private static ClientHelloSpec hello(List<String> alpn) {
        return ClientHelloSpec.builder().random(new byte[32]).cipherSuites(List.of(
                CipherSuite.of(0xC02F))).alpn(alpn).build();
    }

    @Test
    void theAlpnExtensionIsTheOneOpensslSends() {
        byte[] openssl = Vectors.load("client-openssl-alpn-tds8.client.hex");
        assertThat(decoded(openssl).alpn()).containsExactly("tds/8.0");
        assertThat(Hex.of(openssl)).contains(ALPN_EXTENSION);
        assertThat(Hex.of(decoded(openssl).extension(ExtensionType.ALPN).orElseThrow().data()))
                .isEqualTo(ALPN_EXTENSION.substring(8));

        byte[] ours = ClientHelloEncoder.encode(hello(TdsStrictPrelude.SCAN.alpn()));
        assertThat(Hex.of(ours)).contains(ALPN_EXTENSION);
        assertThat(decoded(ours).extension(ExtensionType.ALPN).orElseThrow().data())
                .isEqualTo(decoded(openssl).extension(ExtensionType.ALPN).orElseThrow().data());
    }

    @Test
    void everyStepOfAStrictEndpointOffersTds8InPlaceOfTheHellosOwnAlpn() {
        ProbeStep browserLike = new ProbeStep(1, "a profile's hello", hello(List.of("h2", "http/1.1")))
                .withPrelude(TdsStrictPrelude.SCAN);
        assertThat(browserLike.hello().alpn()).containsExactly("tds/8.0");
        assertThat(decoded(ClientHelloEncoder.encode(browserLike.hello())).alpn()).containsExactly("tds/8.0");
        ProbeStep none = new ProbeStep(2, "TLSv1.2 suites #1", Optional.of(TdsStrictPrelude.SCAN), hello(List.of()),
                List.of());
        assertThat(Hex.of(ClientHelloEncoder.encode(none.hello()))).contains(ALPN_EXTENSION);
        assertThat(ClientHelloEncoder.encode(none.hello())).as("nothing else changes").isEqualTo(
                ClientHelloEncoder.encode(hello(List.of("tds/8.0"))));

        ProbeStep prelogin = new ProbeStep(3, "TLSv1.2 suites #1", hello(List.of("h2")))
                .withPrelude(TdsPrelude.DEFAULT);
        assertThat(prelogin.hello().alpn()).as("a prelude without ALPN leaves the hello's").containsExactly("h2");
    }

    @Test
    void strictModeIsItsOwnProtocolWithoutAPortAndStartsTlsAtOnce() {
        PreludeProtocol strict = PreludeProtocols.named("mssql-strict").orElseThrow();
        assertThat(strict.defaultPorts()).isEmpty();
        assertThat(PreludeProtocols.forPort(1433).map(PreludeProtocol::name)).contains("mssql");
        TdsStrictPrelude prelude = (TdsStrictPrelude) strict.prelude(new PreludeContext(Optional.of("db.example"),
                PreludeContext.DEFAULT_CLIENT_NAME));
        assertThat(prelude.protocol()).isEqualTo("mssql-strict");
        assertThat(prelude.alpn()).containsExactly("tds/8.0");
        PreludeStep first = prelude.open().start();
        assertThat(first).isInstanceOf(PreludeStep.TlsMayStart.class);
        PreludeStep.TlsMayStart tls = (PreludeStep.TlsMayStart) first;
        assertThat(tls.facts().protocol()).isEqualTo("mssql-strict");
        assertThat(tls.facts().fields()).containsEntry("tds8-strict", true);
        assertThat(TdsStrictPrelude.ON_PRELOGIN_ENDPOINT.protocol()).as("the question counts as the endpoint's")
                .isEqualTo("mssql");
    }
}
