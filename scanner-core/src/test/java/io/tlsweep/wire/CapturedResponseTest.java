package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses captured from real servers (openssl s_server, GnuTLS, nginx, sshd, an SMTP server), each fed
 * whole, in 50-byte pieces and byte by byte: the answer must be the same every time and match the facts
 * the capture tool decoded independently (vectors/README.md).
 */
class CapturedResponseTest {

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("tls12-ecdhe-rsa", "ServerHello TLSv1.2 0xC02F complete certs=2 kx=ecdhe:29/32 reneg=true"),
                Arguments.of("tls12-dhe-rsa", "ServerHello TLSv1.2 0x009F complete certs=1 kx=dhe:2048 reneg=true"),
                Arguments.of("tls12-ecdhe-ecdsa-p384", "ServerHello TLSv1.2 0xC02C complete certs=1 kx=ecdhe:24/97 reneg=true"),
                Arguments.of("tls10-rsa-3des", "ServerHello TLSv1.0 0x000A complete certs=1 kx=none reneg=true"),
                Arguments.of("tls10-rsa-aes128", "ServerHello TLSv1.0 0x002F complete certs=1 kx=none reneg=true"),
                Arguments.of("tls11-ecdhe-rsa", "ServerHello TLSv1.1 0xC013 complete certs=1 kx=ecdhe:29/32 reneg=true"),
                Arguments.of("tls13-aes128", "ServerHello TLSv1.3 0x1301 complete certs=0 kx=none reneg=false share=29"),
                Arguments.of("tls13-hrr", "HelloRetryRequest TLSv1.3 0x1302 group=23"),
                Arguments.of("alert-handshake-failure", "Alert 2/40 before-handshake"),
                Arguments.of("alert-protocol-version", "Alert 2/70 before-handshake"),
                Arguments.of("sni-unrecognized-name-warning",
                        "ServerHello TLSv1.2 0xC030 complete certs=1 kx=ecdhe:29/32 reneg=true warnings=[112]"),
                Arguments.of("tls12-renegotiation-alpn",
                        "ServerHello TLSv1.2 0xC030 complete certs=1 kx=ecdhe:29/32 reneg=true alpn=http/1.1"),
                Arguments.of("http-400", "NotTls HTTP \"HTTP/1.1 400 Bad Request\""),
                Arguments.of("http-400-python", "NotTls HTML \"<!DOCTYPE HTML>\""),
                Arguments.of("ssh-banner", "NotTls SSH \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10\""),
                Arguments.of("smtp-banner", "NotTls SMTP \"220 localhost Python SMTP proxy version 0.3\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void wholeInPiecesAndByteByByteGiveTheSameAnswer(String name, String expected) {
        byte[] bytes = Vectors.load(name + ".server.hex");
        assertThat(describe(feed(bytes, bytes.length))).isEqualTo(expected);
        assertThat(describe(feed(bytes, 50))).isEqualTo(expected);
        assertThat(describe(feed(bytes, 1))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyTruncationGivesAValue(String name, String expected) {
        byte[] bytes = Vectors.load(name + ".server.hex");
        for (int n = 0; n <= bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThat(ServerResponseDecoder.decode(cut)).isNotNull();
            assertThat(ServerResponseDecoder.finish(cut)).isNotNull();
        }
    }

    /** Feeds the bytes in pieces of {@code step}, as a socket would deliver them; finishes at the end. */
    static ServerResponse feed(byte[] bytes, int step) {
        for (int n = Math.min(step, bytes.length); ; n = Math.min(n + step, bytes.length)) {
            if (ServerResponseDecoder.decode(bytes, 0, n) instanceof ServerResponseDecoder.Decoding.Done d) {
                return d.response();
            }
            if (n == bytes.length) {
                return ServerResponseDecoder.finish(bytes, 0, n);
            }
        }
    }

    static String describe(KeyExchangeParams k) {
        if (k instanceof KeyExchangeParams.Ecdhe e) {
            return "ecdhe:" + e.group().code() + "/" + e.publicKeyLength();
        }
        if (k instanceof KeyExchangeParams.Dhe d) {
            return "dhe:" + d.primeBits();
        }
        return "other:" + ((KeyExchangeParams.Other) k).length();
    }

    static String describe(ServerResponse r) {
        if (r instanceof ServerHello sh) {
            ServerHello.FirstFlight f = sh.flight();
            String kx = f.keyExchange().map(CapturedResponseTest::describe).orElse("none");
            return "ServerHello " + sh.version() + " " + Hex.u16(sh.cipherSuite().code())
                    + (f.complete() ? " complete" : " partial") + " certs=" + f.certificates().size() + " kx=" + kx
                    + " reneg=" + sh.secureRenegotiation()
                    + sh.keyShareGroup().map(g -> " share=" + g.code()).orElse("")
                    + sh.alpn().map(a -> " alpn=" + a).orElse("")
                    + (sh.warnings().isEmpty() ? "" : " warnings=" + sh.warnings().stream()
                            .map(AlertDescription::code).toList());
        }
        if (r instanceof HelloRetryRequest hrr) {
            return "HelloRetryRequest " + hrr.selectedVersion() + " " + Hex.u16(hrr.cipherSuite().code())
                    + hrr.selectedGroup().map(g -> " group=" + g.code()).orElse("");
        }
        if (r instanceof ServerResponse.Alert a) {
            return "Alert " + a.level() + "/" + a.description().code() + (a.beforeHandshake() ? " before-handshake" : "");
        }
        if (r instanceof ServerResponse.NotTls n) {
            return "NotTls " + n.looksLike() + " " + n.description().substring("answered ".length());
        }
        return r.toString();
    }
}
