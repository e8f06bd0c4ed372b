package io.tlsweep.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parses the bodies of server handshake messages. Bad bytes surface as {@link WireReader.DecodeError}. */
final class HandshakeParser {
    static final int SERVER_HELLO = 2;
    static final int CERTIFICATE = 11;
    static final int SERVER_KEY_EXCHANGE = 12;
    static final int CERTIFICATE_REQUEST = 13;
    static final int SERVER_HELLO_DONE = 14;
    static final int CERTIFICATE_STATUS = 22;

    /** SHA-256("HelloRetryRequest"), the random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
    static final byte[] HRR_RANDOM = Hex.parse(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private HandshakeParser() {
    }

    /** A ServerHello body: a {@link ServerHello} (with no flight yet) or a {@link HelloRetryRequest}. */
    static ServerResponse serverHello(byte[] body, List<AlertDescription> warnings) throws WireReader.DecodeError {
        WireReader r = new WireReader(body);
        ProtocolVersion legacy = ProtocolVersion.of(r.u16("server_version"));
        byte[] random = r.bytes(32, "random");
        int sessionIdLength = r.u8("session_id length");
        if (sessionIdLength > 32) {
            throw new WireReader.DecodeError("session_id length " + sessionIdLength + " exceeds 32");
        }
        byte[] sessionId = r.bytes(sessionIdLength, "session_id");
        CipherSuite suite = CipherSuite.of(r.u16("cipher_suite"));
        int compression = r.u8("compression_method");
        List<Extension> extensions = r.hasRemaining() ? extensions(r.vector(2, "extensions")) : List.of();
        r.expectEnd("ServerHello");

        Optional<ProtocolVersion> selected = Optional.empty();
        Optional<NamedGroup> group = Optional.empty();
        Optional<byte[]> cookie = Optional.empty();
        Optional<String> alpn = Optional.empty();
        boolean renegotiation = false;
        boolean retry = Arrays.equals(random, HRR_RANDOM);
        for (Extension e : extensions) {
            WireReader x = new WireReader(e.raw());
            switch (e.type().code()) {
                case 43 -> selected = Optional.of(ProtocolVersion.of(x.u16("supported_versions")));
                case 51 -> {
                    group = Optional.of(NamedGroup.of(x.u16("key_share group")));
                    if (!retry) {
                        x.vector(2, "key_share key_exchange");
                    }
                }
                case 44 -> cookie = Optional.of(x.vectorBytes(2, "cookie"));
                case 0xFF01 -> {
                    x.vector(1, "renegotiated_connection");
                    renegotiation = true;
                }
                case 16 -> alpn = Optional.of(alpnName(x));
                default -> {
                    continue;
                }
            }
            x.expectEnd(e.type().toString());
        }
        ProtocolVersion version = selected.orElse(legacy);
        if (retry) {
            return new HelloRetryRequest(legacy, version, suite, group, cookie, sessionId, extensions);
        }
        return new ServerHello(legacy, version, random, sessionId, suite, compression, extensions, group,
                renegotiation, alpn, warnings, ServerHello.FirstFlight.NONE);
    }

    private static String alpnName(WireReader x) throws WireReader.DecodeError {
        WireReader list = x.vector(2, "ALPN protocol list");
        byte[] name = list.vectorBytes(1, "ALPN protocol");
        list.expectEnd("ALPN protocol list");
        return new String(name, StandardCharsets.US_ASCII);
    }

    private static List<Extension> extensions(WireReader r) throws WireReader.DecodeError {
        List<Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (r.hasRemaining()) {
            int type = r.u16("extension type");
            byte[] data = r.vectorBytes(2, "extension " + Hex.u16(type));
            if (!seen.add(type)) {
                throw new WireReader.DecodeError("duplicate extension " + ExtensionType.of(type));
            }
            out.add(Extension.of(type, data));
        }
        return out;
    }

    /** A TLS ≤ 1.2 Certificate message: the chain's DER blobs, leaf first. */
    static List<byte[]> certificates(byte[] body) throws WireReader.DecodeError {
        WireReader r = new WireReader(body);
        WireReader list = r.vector(3, "certificate_list");
        r.expectEnd("Certificate");
        List<byte[]> chain = new ArrayList<>();
        while (list.hasRemaining()) {
            chain.add(list.vectorBytes(3, "certificate"));
        }
        return chain;
    }

    /**
     * A ServerKeyExchange. The same bytes could in principle be read as ECDHE or DHE parameters, so a
     * reading is accepted only if what follows the parameters is exactly a signature (or nothing, for
     * anonymous suites).
     */
    static KeyExchangeParams serverKeyExchange(byte[] body, ProtocolVersion version) {
        try {
            WireReader r = new WireReader(body);
            if (r.u8("curve_type") == 3) {
                NamedGroup group = NamedGroup.of(r.u16("named_curve"));
                int point = r.vector(1, "public point").remaining();
                if (point > 0 && signatureFollows(r, version)) {
                    return new KeyExchangeParams.Ecdhe(group, point);
                }
            }
        } catch (WireReader.DecodeError notEcdhe) {
            // not an ECDHE shape; try DHE below
        }
        try {
            WireReader r = new WireReader(body);
            byte[] p = r.vectorBytes(2, "dh_p");
            byte[] g = r.vectorBytes(2, "dh_g");
            byte[] ys = r.vectorBytes(2, "dh_Ys");
            if (p.length > 0 && signatureFollows(r, version)) {
                return new KeyExchangeParams.Dhe(bitLength(p), bitLength(g), bitLength(ys));
            }
        } catch (WireReader.DecodeError notDhe) {
            // neither shape
        }
        return new KeyExchangeParams.Other(body.length);
    }

    /**
     * The scheme a TLS 1.2 ServerKeyExchange of ECDHE or DHE parameters was signed with: the
     * SignatureAndHashAlgorithm before the signature (RFC 5246 §7.4.3, RFC 8422 §5.4). Empty before TLS 1.2
     * (no such field), for anonymous parameters (no signature) and for shapes {@link #serverKeyExchange} does not
     * read.
     */
    static Optional<SignatureScheme> keyExchangeSignature(byte[] body, ProtocolVersion version) {
        if (!version.atLeast(ProtocolVersion.TLSv1_2)) {
            return Optional.empty();
        }
        KeyExchangeParams params = serverKeyExchange(body, version);
        if (params instanceof KeyExchangeParams.Other) {
            return Optional.empty();
        }
        try {
            WireReader r = new WireReader(body);
            if (params instanceof KeyExchangeParams.Ecdhe) {
                r.u8("curve_type");
                r.u16("named_curve");
                r.vector(1, "public point");
            } else {
                r.vector(2, "dh_p");
                r.vector(2, "dh_g");
                r.vector(2, "dh_Ys");
            }
            return r.hasRemaining() ? Optional.of(SignatureScheme.of(r.u16("signature algorithm")))
                    : Optional.empty();
        } catch (WireReader.DecodeError e) {
            return Optional.empty();
        }
    }

    private static boolean signatureFollows(WireReader r, ProtocolVersion version) {
        if (!r.hasRemaining()) {
            return true;
        }
        try {
            if (version.atLeast(ProtocolVersion.TLSv1_2)) {
                r.u16("signature algorithm");
            }
            r.vector(2, "signature");
            r.expectEnd("ServerKeyExchange");
            return true;
        } catch (WireReader.DecodeError e) {
            return false;
        }
    }

    static int bitLength(byte[] unsigned) {
        for (int i = 0; i < unsigned.length; i++) {
            if (unsigned[i] != 0) {
                return (unsigned.length - i - 1) * 8 + 32 - Integer.numberOfLeadingZeros(unsigned[i] & 0xFF);
            }
        }
        return 0;
    }
}
