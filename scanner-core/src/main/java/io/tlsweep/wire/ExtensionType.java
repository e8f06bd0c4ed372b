package io.tlsweep.wire;

/** Registry shell: replaced by the full registry. */
public record ExtensionType(int code, String name) {
    public static final ExtensionType SERVER_NAME = new ExtensionType(0, "server_name");
    public static final ExtensionType STATUS_REQUEST = new ExtensionType(5, "status_request");
    public static final ExtensionType SUPPORTED_GROUPS = new ExtensionType(10, "supported_groups");
    public static final ExtensionType EC_POINT_FORMATS = new ExtensionType(11, "ec_point_formats");
    public static final ExtensionType SIGNATURE_ALGORITHMS = new ExtensionType(13, "signature_algorithms");
    public static final ExtensionType ALPN = new ExtensionType(16, "application_layer_protocol_negotiation");
    public static final ExtensionType SIGNED_CERTIFICATE_TIMESTAMP = new ExtensionType(18, "signed_certificate_timestamp");
    public static final ExtensionType PADDING = new ExtensionType(21, "padding");
    public static final ExtensionType ENCRYPT_THEN_MAC = new ExtensionType(22, "encrypt_then_mac");
    public static final ExtensionType EXTENDED_MASTER_SECRET = new ExtensionType(23, "extended_master_secret");
    public static final ExtensionType SESSION_TICKET = new ExtensionType(35, "session_ticket");
    public static final ExtensionType PRE_SHARED_KEY = new ExtensionType(41, "pre_shared_key");
    public static final ExtensionType SUPPORTED_VERSIONS = new ExtensionType(43, "supported_versions");
    public static final ExtensionType COOKIE = new ExtensionType(44, "cookie");
    public static final ExtensionType PSK_KEY_EXCHANGE_MODES = new ExtensionType(45, "psk_key_exchange_modes");
    public static final ExtensionType KEY_SHARE = new ExtensionType(51, "key_share");
    public static final ExtensionType RENEGOTIATION_INFO = new ExtensionType(0xFF01, "renegotiation_info");

    public static ExtensionType of(int code) {
        return new ExtensionType(code, null);
    }

    public boolean isKnown() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Hex.u16(code);
    }
}
