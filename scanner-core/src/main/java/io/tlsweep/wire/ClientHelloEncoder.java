package io.tlsweep.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a {@link ClientHelloSpec} into the exact bytes sent on the wire: one or more handshake records
 * (a hello above 2^14 bytes is split over several records, as RFC 5246 §6.2.1 allows).
 */
public final class ClientHelloEncoder {
    static final int HANDSHAKE_CLIENT_HELLO = 1;
    static final int MAX_FRAGMENT = 1 << 14;
    private static final int PAD_FLOOR = 256;
    private static final int PAD_TARGET = 512;

    private ClientHelloEncoder() {
    }

    /**
     * The record bytes of the hello, ready to write to a socket.
     *
     * An SSLv2 record version gives an SSL 2.0 CLIENT-HELLO instead ({@link SslV2HelloEncoder}).
     *
     * @throws IllegalArgumentException when the spec cannot be put on the wire as it is: a record version
     *     outside SSLv2 and SSLv3..TLS 1.3, a name that is not ASCII, a list or extension too long for its length field,
     *     an extra extension of a type the hello already carries
     */
    public static byte[] encode(ClientHelloSpec spec) {
        ProtocolVersion record = spec.recordVersion();
        if (record.equals(ProtocolVersion.SSLv2)) {
            return SslV2HelloEncoder.encode(spec);
        }
        if (record.major() != 3 || record.minor() > 4) {
            throw new IllegalArgumentException("record version " + record + " is not SSLv3..TLS 1.3");
        }
        WireWriter w = new WireWriter(512 + spec.cipherSuites().size() * 2);
        w.zeros(TlsRecord.HEADER_LENGTH);
        writeHandshake(spec, w);
        int messageLength = w.size() - TlsRecord.HEADER_LENGTH;
        byte[] buf = w.array();
        if (messageLength <= MAX_FRAGMENT) {
            buf[0] = (byte) TlsRecord.HANDSHAKE;
            buf[1] = (byte) spec.recordVersion().major();
            buf[2] = (byte) spec.recordVersion().minor();
            buf[3] = (byte) (messageLength >>> 8);
            buf[4] = (byte) messageLength;
            return w.toByteArray();
        }
        return fragment(buf, TlsRecord.HEADER_LENGTH, messageLength, spec.recordVersion());
    }

    /** The handshake message alone (type, length, body), without record framing; refuses what {@link #encode} does. */
    public static byte[] encodeHandshake(ClientHelloSpec spec) {
        if (spec.recordVersion().equals(ProtocolVersion.SSLv2)) {
            throw new IllegalArgumentException("an SSLv2-format hello is no handshake message");
        }
        WireWriter w = new WireWriter(512 + spec.cipherSuites().size() * 2);
        writeHandshake(spec, w);
        return w.toByteArray();
    }

    private static byte[] fragment(byte[] msg, int off, int len, ProtocolVersion recordVersion) {
        int records = (len + MAX_FRAGMENT - 1) / MAX_FRAGMENT;
        WireWriter out = new WireWriter(len + records * TlsRecord.HEADER_LENGTH);
        for (int at = 0; at < len; at += MAX_FRAGMENT) {
            int n = Math.min(MAX_FRAGMENT, len - at);
            out.u8(TlsRecord.HANDSHAKE);
            out.u16(recordVersion.code());
            out.u16(n);
            out.bytes(msg, off + at, n);
        }
        return out.toByteArray();
    }

    private static void writeHandshake(ClientHelloSpec spec, WireWriter w) {
        int start = w.size();
        w.u8(HANDSHAKE_CLIENT_HELLO);
        int body = w.openLength(3);
        w.u16(spec.clientVersion().code());
        w.bytes(spec.random());
        w.u8(spec.sessionId().length);
        w.bytes(spec.sessionId());
        w.u16(spec.cipherSuites().size() * 2);
        for (CipherSuite s : spec.cipherSuites()) {
            w.u16(s.code());
        }
        byte[] compression = spec.compressionMethods();
        w.u8(compression.length);
        w.bytes(compression);

        boolean any = spec.hasExtensions();
        int extensions = any ? w.openLength(2) : -1;
        int firstExtension = w.size();
        if (any) {
            writeExtensions(spec, w);
        }
        if (spec.padding() == ClientHelloSpec.Padding.AVOID_256_TO_511) {
            int length = w.size() - start;
            if (length >= PAD_FLOOR && length < PAD_TARGET) {
                if (!any) {
                    extensions = w.openLength(2);
                    firstExtension = w.size();
                    any = true;
                    length += 2;
                }
                int pad = Math.max(0, PAD_TARGET - length - 4);
                w.u16(ExtensionType.PADDING.code());
                w.u16(pad);
                w.zeros(pad);
            }
        }
        if (any) {
            w.closeLength(extensions);
            requireDistinctTypes(w.array(), firstExtension, w.size());
        }
        w.closeLength(body);
    }

    /** A hello must not carry two extensions of one type (RFC 8446 §4.2): an extra one may repeat a modelled one. */
    private static void requireDistinctTypes(byte[] buf, int from, int to) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int at = from; at < to; at += 4 + ((buf[at + 2] & 0xFF) << 8 | (buf[at + 3] & 0xFF))) {
            int type = (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
            if (!seen.add(type)) {
                throw new IllegalArgumentException("extension " + ExtensionType.of(type) + " appears twice");
            }
        }
    }

    private static void writeExtensions(ClientHelloSpec spec, WireWriter w) {
        spec.serverName().ifPresent(name -> {
            byte[] host = ascii(name, "server name");
            int ext = open(w, ExtensionType.SERVER_NAME);
            int list = w.openLength(2);
            w.u8(0); // host_name
            w.u16(host.length);
            w.bytes(host);
            w.closeLength(list);
            w.closeLength(ext);
        });
        if (spec.extendedMasterSecret()) {
            empty(w, ExtensionType.EXTENDED_MASTER_SECRET);
        }
        if (spec.renegotiationInfo()) {
            int ext = open(w, ExtensionType.RENEGOTIATION_INFO);
            w.u8(0); // empty renegotiated_connection: an initial handshake
            w.closeLength(ext);
        }
        if (!spec.supportedGroups().isEmpty()) {
            int ext = open(w, ExtensionType.SUPPORTED_GROUPS);
            w.u16(spec.supportedGroups().size() * 2);
            spec.supportedGroups().forEach(g -> w.u16(g.code()));
            w.closeLength(ext);
        }
        byte[] pointFormats = spec.ecPointFormats();
        if (pointFormats.length > 0) {
            int ext = open(w, ExtensionType.EC_POINT_FORMATS);
            vector(w, 1, pointFormats);
            w.closeLength(ext);
        }
        if (spec.sessionTicket()) {
            empty(w, ExtensionType.SESSION_TICKET);
        }
        if (!spec.alpn().isEmpty()) {
            writeAlpn(spec.alpn(), w);
        }
        if (spec.statusRequest()) {
            int ext = open(w, ExtensionType.STATUS_REQUEST);
            w.u8(1); // ocsp
            w.u16(0); // responder_id_list
            w.u16(0); // request_extensions
            w.closeLength(ext);
        }
        if (!spec.signatureAlgorithms().isEmpty()) {
            int ext = open(w, ExtensionType.SIGNATURE_ALGORITHMS);
            w.u16(spec.signatureAlgorithms().size() * 2);
            spec.signatureAlgorithms().forEach(s -> w.u16(s.code()));
            w.closeLength(ext);
        }
        if (!spec.supportedVersions().isEmpty()) {
            int ext = open(w, ExtensionType.SUPPORTED_VERSIONS);
            int list = w.openLength(1);
            spec.supportedVersions().forEach(v -> w.u16(v.code()));
            w.closeLength(list);
            w.closeLength(ext);
        }
        spec.keyShares().ifPresent(entries -> {
            int ext = open(w, ExtensionType.KEY_SHARE);
            int list = w.openLength(2);
            for (KeyShareEntry e : entries) {
                w.u16(e.group().code());
                vector(w, 2, e.raw());
            }
            w.closeLength(list);
            w.closeLength(ext);
        });
        byte[] pskModes = spec.pskKeyExchangeModes();
        if (pskModes.length > 0) {
            int ext = open(w, ExtensionType.PSK_KEY_EXCHANGE_MODES);
            vector(w, 1, pskModes);
            w.closeLength(ext);
        }
        for (Extension e : spec.extraExtensions()) {
            w.u16(e.type().code());
            vector(w, 2, e.raw());
        }
    }

    private static void writeAlpn(List<String> protocols, WireWriter w) {
        int ext = open(w, ExtensionType.ALPN);
        int list = w.openLength(2);
        for (String p : protocols) {
            vector(w, 1, ascii(p, "ALPN protocol name"));
        }
        w.closeLength(list);
        w.closeLength(ext);
    }

    /** Bytes behind a length prefix of {@code width} bytes; too many for the prefix is refused. */
    private static void vector(WireWriter w, int width, byte[] bytes) {
        int length = w.openLength(width);
        w.bytes(bytes);
        w.closeLength(length);
    }

    private static byte[] ascii(String s, String what) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(s)) {
            throw new IllegalArgumentException(what + " '" + s + "' is not ASCII");
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int open(WireWriter w, ExtensionType type) {
        w.u16(type.code());
        return w.openLength(2);
    }

    private static void empty(WireWriter w, ExtensionType type) {
        w.u16(type.code());
        w.u16(0);
    }
}
