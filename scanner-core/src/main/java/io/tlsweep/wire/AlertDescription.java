package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A TLS alert description (IANA "TLS Alerts"). Alerts that TLS 1.3 retired keep the name they had
 * while servers could send them (RFC 5246 / RFC 6066: "no_renegotiation", "decompression_failure",
 * "certificate_unobtainable", "bad_certificate_hash_value"); the RFC 8446 "_RESERVED" spellings
 * are accepted by {@link #byName}. Unknown codes keep their code and print as hex ("0xFE"); {@link #name()}
 * is that hex text too. Two descriptions are equal when their codes are equal.
 */
public final class AlertDescription extends RegisteredCode {
    private static final List<AlertDescription> DEFINED = new ArrayList<>();

    public static final AlertDescription CLOSE_NOTIFY = define(0, "close_notify");
    public static final AlertDescription UNEXPECTED_MESSAGE = define(10, "unexpected_message");
    public static final AlertDescription BAD_RECORD_MAC = define(20, "bad_record_mac");
    public static final AlertDescription DECRYPTION_FAILED = define(21, "decryption_failed_RESERVED", "decryption_failed");
    public static final AlertDescription RECORD_OVERFLOW = define(22, "record_overflow");
    public static final AlertDescription DECOMPRESSION_FAILURE =
            define(30, "decompression_failure", "decompression_failure_RESERVED");
    public static final AlertDescription HANDSHAKE_FAILURE = define(40, "handshake_failure");
    public static final AlertDescription NO_CERTIFICATE = define(41, "no_certificate_RESERVED", "no_certificate");
    public static final AlertDescription BAD_CERTIFICATE = define(42, "bad_certificate");
    public static final AlertDescription UNSUPPORTED_CERTIFICATE = define(43, "unsupported_certificate");
    public static final AlertDescription CERTIFICATE_REVOKED = define(44, "certificate_revoked");
    public static final AlertDescription CERTIFICATE_EXPIRED = define(45, "certificate_expired");
    public static final AlertDescription CERTIFICATE_UNKNOWN = define(46, "certificate_unknown");
    public static final AlertDescription ILLEGAL_PARAMETER = define(47, "illegal_parameter");
    public static final AlertDescription UNKNOWN_CA = define(48, "unknown_ca");
    public static final AlertDescription ACCESS_DENIED = define(49, "access_denied");
    public static final AlertDescription DECODE_ERROR = define(50, "decode_error");
    public static final AlertDescription DECRYPT_ERROR = define(51, "decrypt_error");
    public static final AlertDescription TOO_MANY_CIDS_REQUESTED = define(52, "too_many_cids_requested");
    public static final AlertDescription EXPORT_RESTRICTION =
            define(60, "export_restriction_RESERVED", "export_restriction");
    public static final AlertDescription PROTOCOL_VERSION = define(70, "protocol_version");
    public static final AlertDescription INSUFFICIENT_SECURITY = define(71, "insufficient_security");
    public static final AlertDescription INTERNAL_ERROR = define(80, "internal_error");
    public static final AlertDescription INAPPROPRIATE_FALLBACK = define(86, "inappropriate_fallback");
    public static final AlertDescription USER_CANCELED = define(90, "user_canceled");
    public static final AlertDescription NO_RENEGOTIATION = define(100, "no_renegotiation", "no_renegotiation_RESERVED");
    public static final AlertDescription MISSING_EXTENSION = define(109, "missing_extension");
    public static final AlertDescription UNSUPPORTED_EXTENSION = define(110, "unsupported_extension");
    public static final AlertDescription CERTIFICATE_UNOBTAINABLE =
            define(111, "certificate_unobtainable", "certificate_unobtainable_RESERVED");
    public static final AlertDescription UNRECOGNIZED_NAME = define(112, "unrecognized_name");
    public static final AlertDescription BAD_CERTIFICATE_STATUS_RESPONSE = define(113, "bad_certificate_status_response");
    public static final AlertDescription BAD_CERTIFICATE_HASH_VALUE =
            define(114, "bad_certificate_hash_value", "bad_certificate_hash_value_RESERVED");
    public static final AlertDescription UNKNOWN_PSK_IDENTITY = define(115, "unknown_psk_identity");
    public static final AlertDescription CERTIFICATE_REQUIRED = define(116, "certificate_required");
    public static final AlertDescription GENERAL_ERROR = define(117, "general_error");
    public static final AlertDescription NO_APPLICATION_PROTOCOL = define(120, "no_application_protocol");
    public static final AlertDescription ECH_REQUIRED = define(121, "ech_required");

    private static final CodeTable<AlertDescription> TABLE =
            new CodeTable<>("AlertDescription", DEFINED, AlertDescription::code, AlertDescription::lookupNames);

    private AlertDescription(int code, String name, List<String> aliases) {
        super(code, name, aliases, 1);
    }

    private static AlertDescription define(int code, String name, String... aliases) {
        AlertDescription alert = new AlertDescription(code, name, List.of(aliases));
        DEFINED.add(alert);
        return alert;
    }

    /**
     * The registered description for {@code code}, or an unknown one preserving it.
     *
     * @throws IllegalArgumentException when code is outside 0..0xFF
     */
    public static AlertDescription of(int code) {
        CodeTable.checkU8(code, "alert description");
        AlertDescription known = TABLE.byCodeOrNull(code);
        return known != null ? known : new AlertDescription(code, null, List.of());
    }

    /** By name, ignoring case; both the TLS 1.2 and the RFC 8446 "_RESERVED" spellings are accepted. */
    public static Optional<AlertDescription> byName(String name) {
        return TABLE.byName(name);
    }

    /** Every registered description, in code order. */
    public static List<AlertDescription> all() {
        return TABLE.all();
    }
}
