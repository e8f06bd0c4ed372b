package io.tlsweep.wire;

import java.util.stream.Collectors;

/**
 * Every field of a decoded {@link ServerResponse} as text, byte arrays in hex, so two decodings can be
 * compared by value (the records hold arrays, whose equals is identity).
 */
final class ResponseText {
    private ResponseText() {
    }

    static String of(ServerResponse r) {
        if (r instanceof ServerHello h) {
            return "ServerHello " + h.legacyVersion() + " " + h.version() + " random=" + Hex.of(h.random())
                    + " session=" + Hex.of(h.sessionId()) + " " + h.cipherSuite() + " compression="
                    + h.compressionMethod() + " " + extensions(h.extensions()) + " group=" + h.keyShareGroup()
                    + " reneg=" + h.secureRenegotiation() + " alpn=" + h.alpn() + " warnings=" + h.warnings() + " "
                    + flight(h.flight());
        }
        if (r instanceof HelloRetryRequest hrr) {
            return "HelloRetryRequest " + hrr.legacyVersion() + " " + hrr.selectedVersion() + " " + hrr.cipherSuite()
                    + " group=" + hrr.selectedGroup() + " cookie=" + hrr.cookie().map(Hex::of) + " session="
                    + Hex.of(hrr.sessionId()) + " " + extensions(hrr.extensions());
        }
        if (r instanceof ServerResponse.Alert a) {
            return "Alert " + a.level() + " " + a.description() + " before=" + a.beforeHandshake();
        }
        if (r instanceof ServerResponse.NotTls n) {
            return "NotTls " + n.looksLike() + " " + n.description() + " " + Hex.of(n.firstBytes());
        }
        if (r instanceof ServerResponse.Malformed m) {
            return "Malformed " + m.offset() + " " + m.reason();
        }
        ServerResponse.SslV2ServerHello v2 = (ServerResponse.SslV2ServerHello) r;
        return "SSLv2 " + v2.version() + " " + v2.cipherSpecs() + " " + Hex.of(v2.certificate());
    }

    private static String extensions(java.util.List<Extension> extensions) {
        return extensions.stream().map(e -> e.type() + ":" + Hex.of(e.data())).collect(Collectors.joining(",", "[", "]"));
    }

    private static String flight(ServerHello.FirstFlight f) {
        return "flight(certs=" + f.certificates().stream().map(Hex::of).toList() + " kx=" + f.keyExchange() + " ocsp="
                + f.ocspStapled() + " certRequest=" + f.certificateRequested() + " complete=" + f.complete()
                + " alert=" + f.endingAlert().map(ResponseText::of) + ")";
    }
}
