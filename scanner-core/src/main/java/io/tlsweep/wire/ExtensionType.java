package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TLS extension type (IANA "TLS ExtensionType Values"), plus the unregistered code points a scanner
 * meets in the wild: next_protocol_negotiation (0x3374), Google's application_settings (0x4469, 0x44CD)
 * and channel_id (0x754F, 0x7550). Unknown codes keep their code and print as hex; {@link #name()} is
 * that hex text too. Two extension types are equal when their codes are equal.
 */
public final class ExtensionType extends RegisteredCode {
    private static final List<ExtensionType> DEFINED = new ArrayList<>();

    public static final ExtensionType SERVER_NAME = define(0, "server_name");
    public static final ExtensionType MAX_FRAGMENT_LENGTH = define(1, "max_fragment_length");
    public static final ExtensionType CLIENT_CERTIFICATE_URL = define(2, "client_certificate_url");
    public static final ExtensionType TRUSTED_CA_KEYS = define(3, "trusted_ca_keys");
    public static final ExtensionType TRUNCATED_HMAC = define(4, "truncated_hmac");
    public static final ExtensionType STATUS_REQUEST = define(5, "status_request");
    public static final ExtensionType USER_MAPPING = define(6, "user_mapping");
    public static final ExtensionType CLIENT_AUTHZ = define(7, "client_authz");
    public static final ExtensionType SERVER_AUTHZ = define(8, "server_authz");
    public static final ExtensionType CERT_TYPE = define(9, "cert_type");
    public static final ExtensionType SUPPORTED_GROUPS = define(10, "supported_groups", "elliptic_curves");
    public static final ExtensionType EC_POINT_FORMATS = define(11, "ec_point_formats");
    public static final ExtensionType SRP = define(12, "srp");
    public static final ExtensionType SIGNATURE_ALGORITHMS = define(13, "signature_algorithms");
    public static final ExtensionType USE_SRTP = define(14, "use_srtp");
    public static final ExtensionType HEARTBEAT = define(15, "heartbeat");
    public static final ExtensionType ALPN = define(16, "application_layer_protocol_negotiation", "alpn");
    public static final ExtensionType STATUS_REQUEST_V2 = define(17, "status_request_v2");
    public static final ExtensionType SIGNED_CERTIFICATE_TIMESTAMP = define(18, "signed_certificate_timestamp");
    public static final ExtensionType CLIENT_CERTIFICATE_TYPE = define(19, "client_certificate_type");
    public static final ExtensionType SERVER_CERTIFICATE_TYPE = define(20, "server_certificate_type");
    public static final ExtensionType PADDING = define(21, "padding");
    public static final ExtensionType ENCRYPT_THEN_MAC = define(22, "encrypt_then_mac");
    public static final ExtensionType EXTENDED_MASTER_SECRET =
            define(23, "extended_master_secret", "extended_main_secret");
    public static final ExtensionType TOKEN_BINDING = define(24, "token_binding");
    public static final ExtensionType CACHED_INFO = define(25, "cached_info");
    public static final ExtensionType TLS_LTS = define(26, "tls_lts");
    public static final ExtensionType COMPRESS_CERTIFICATE = define(27, "compress_certificate");
    public static final ExtensionType RECORD_SIZE_LIMIT = define(28, "record_size_limit");
    public static final ExtensionType PWD_PROTECT = define(29, "pwd_protect");
    public static final ExtensionType PWD_CLEAR = define(30, "pwd_clear");
    public static final ExtensionType PASSWORD_SALT = define(31, "password_salt");
    public static final ExtensionType TICKET_PINNING = define(32, "ticket_pinning");
    public static final ExtensionType TLS_CERT_WITH_EXTERN_PSK = define(33, "tls_cert_with_extern_psk");
    public static final ExtensionType DELEGATED_CREDENTIAL =
            define(34, "delegated_credential", "delegated_credentials");
    public static final ExtensionType SESSION_TICKET = define(35, "session_ticket");
    public static final ExtensionType TLMSP = define(36, "TLMSP");
    public static final ExtensionType TLMSP_PROXYING = define(37, "TLMSP_proxying");
    public static final ExtensionType TLMSP_DELEGATE = define(38, "TLMSP_delegate");
    public static final ExtensionType SUPPORTED_EKT_CIPHERS = define(39, "supported_ekt_ciphers");
    public static final ExtensionType PRE_SHARED_KEY = define(41, "pre_shared_key");
    public static final ExtensionType EARLY_DATA = define(42, "early_data");
    public static final ExtensionType SUPPORTED_VERSIONS = define(43, "supported_versions");
    public static final ExtensionType COOKIE = define(44, "cookie");
    public static final ExtensionType PSK_KEY_EXCHANGE_MODES = define(45, "psk_key_exchange_modes");
    public static final ExtensionType CERTIFICATE_AUTHORITIES = define(47, "certificate_authorities");
    public static final ExtensionType OID_FILTERS = define(48, "oid_filters");
    public static final ExtensionType POST_HANDSHAKE_AUTH = define(49, "post_handshake_auth");
    public static final ExtensionType SIGNATURE_ALGORITHMS_CERT = define(50, "signature_algorithms_cert");
    public static final ExtensionType KEY_SHARE = define(51, "key_share");
    public static final ExtensionType TRANSPARENCY_INFO = define(52, "transparency_info");
    public static final ExtensionType CONNECTION_ID_DEPRECATED = define(53, "connection_id_deprecated");
    public static final ExtensionType CONNECTION_ID = define(54, "connection_id");
    public static final ExtensionType EXTERNAL_ID_HASH = define(55, "external_id_hash");
    public static final ExtensionType EXTERNAL_SESSION_ID = define(56, "external_session_id");
    public static final ExtensionType QUIC_TRANSPORT_PARAMETERS = define(57, "quic_transport_parameters");
    public static final ExtensionType TICKET_REQUEST = define(58, "ticket_request");
    public static final ExtensionType DNSSEC_CHAIN = define(59, "dnssec_chain");
    public static final ExtensionType SEQUENCE_NUMBER_ENCRYPTION_ALGORITHMS =
            define(60, "sequence_number_encryption_algorithms");
    public static final ExtensionType RRC = define(61, "rrc");
    public static final ExtensionType TLS_FLAGS = define(62, "tls_flags");
    public static final ExtensionType NEXT_PROTOCOL_NEGOTIATION = define(0x3374, "next_protocol_negotiation", "npn");
    public static final ExtensionType APPLICATION_SETTINGS_OLD = define(0x4469, "application_settings_old");
    public static final ExtensionType APPLICATION_SETTINGS = define(0x44CD, "application_settings", "alps");
    public static final ExtensionType CHANNEL_ID_OLD = define(0x754F, "channel_id_old");
    public static final ExtensionType CHANNEL_ID = define(0x7550, "channel_id");
    public static final ExtensionType ECH_OUTER_EXTENSIONS = define(0xFD00, "ech_outer_extensions");
    public static final ExtensionType ENCRYPTED_CLIENT_HELLO = define(0xFE0D, "encrypted_client_hello", "ech");
    public static final ExtensionType RENEGOTIATION_INFO = define(0xFF01, "renegotiation_info");

    private static final CodeTable<ExtensionType> TABLE =
            new CodeTable<>("ExtensionType", DEFINED, ExtensionType::code, ExtensionType::lookupNames);

    private ExtensionType(int code, String name, List<String> aliases) {
        super(code, name, aliases, 2);
    }

    private static ExtensionType define(int code, String name, String... aliases) {
        ExtensionType type = new ExtensionType(code, name, List.of(aliases));
        DEFINED.add(type);
        return type;
    }

    /**
     * The registered extension type for {@code code}, or an unknown one preserving it.
     *
     * @throws IllegalArgumentException when code is outside 0..0xFFFF
     */
    public static ExtensionType of(int code) {
        CodeTable.checkU16(code, "extension type");
        ExtensionType known = TABLE.byCodeOrNull(code);
        return known != null ? known : new ExtensionType(code, null, List.of());
    }

    /** By name or alias ("alpn", "elliptic_curves", "extended_main_secret"), ignoring case. */
    public static Optional<ExtensionType> byName(String name) {
        return TABLE.byName(name);
    }

    /** Every registered extension type, in code order. */
    public static List<ExtensionType> all() {
        return TABLE.all();
    }

    /** A GREASE value (RFC 8701, 0x?A?A). */
    public boolean isGrease() {
        return CodeTable.isGrease16(code);
    }
}
