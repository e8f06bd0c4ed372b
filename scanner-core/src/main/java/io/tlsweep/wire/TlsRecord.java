package io.tlsweep.wire;

/** One TLS record: content type, record-layer version and fragment bytes. */
public record TlsRecord(int contentType, ProtocolVersion version, byte[] fragment) {
    public static final int CHANGE_CIPHER_SPEC = 20;
    public static final int ALERT = 21;
    public static final int HANDSHAKE = 22;
    public static final int APPLICATION_DATA = 23;
    public static final int HEARTBEAT = 24;
    public static final int HEADER_LENGTH = 5;
    /** The largest record any TLS version allows (TLSCiphertext: 2^14 + 2048, RFC 5246 §6.2.3). */
    public static final int MAX_LENGTH = (1 << 14) + 2048;

    public static boolean isContentType(int b) {
        return b >= CHANGE_CIPHER_SPEC && b <= HEARTBEAT;
    }

    public static String contentTypeName(int type) {
        return switch (type) {
            case CHANGE_CIPHER_SPEC -> "change_cipher_spec";
            case ALERT -> "alert";
            case HANDSHAKE -> "handshake";
            case APPLICATION_DATA -> "application_data";
            case HEARTBEAT -> "heartbeat";
            default -> "content type " + type;
        };
    }

    @Override
    public String toString() {
        return contentTypeName(contentType) + " " + version + " (" + fragment.length + " bytes)";
    }
}
