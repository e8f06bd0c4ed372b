package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record AlertDescription(int code, String name) {
    public static final AlertDescription CLOSE_NOTIFY = new AlertDescription(0, "close_notify");
    public static final AlertDescription HANDSHAKE_FAILURE = new AlertDescription(40, "handshake_failure");
    public static final AlertDescription PROTOCOL_VERSION = new AlertDescription(70, "protocol_version");
    public static final AlertDescription INSUFFICIENT_SECURITY = new AlertDescription(71, "insufficient_security");
    public static final AlertDescription UNRECOGNIZED_NAME = new AlertDescription(112, "unrecognized_name");

    public static AlertDescription of(int code) {
        return new AlertDescription(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u8(code);
    }
}
