package io.tlsweep.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A TLS/SSL protocol version as it appears on the wire (two bytes, major.minor).
 * Unknown values, such as TLS 1.3 drafts or GREASE, are preserved and printed as hex.
 */
public record ProtocolVersion(int code) implements Comparable<ProtocolVersion> {

    public static final ProtocolVersion SSLv2 = new ProtocolVersion(0x0002);
    public static final ProtocolVersion SSLv3 = new ProtocolVersion(0x0300);
    public static final ProtocolVersion TLSv1_0 = new ProtocolVersion(0x0301);
    public static final ProtocolVersion TLSv1_1 = new ProtocolVersion(0x0302);
    public static final ProtocolVersion TLSv1_2 = new ProtocolVersion(0x0303);
    public static final ProtocolVersion TLSv1_3 = new ProtocolVersion(0x0304);

    /** The versions a ClientHello can be built for, oldest first (SSLv2 is detected, never offered). */
    public static final List<ProtocolVersion> HELLO_VERSIONS = List.of(SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3);

    public ProtocolVersion {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("protocol version out of range: " + code);
        }
    }

    public static ProtocolVersion of(int code) {
        return switch (code) {
            case 0x0002 -> SSLv2;
            case 0x0300 -> SSLv3;
            case 0x0301 -> TLSv1_0;
            case 0x0302 -> TLSv1_1;
            case 0x0303 -> TLSv1_2;
            case 0x0304 -> TLSv1_3;
            default -> new ProtocolVersion(code);
        };
    }

    public static ProtocolVersion of(int major, int minor) {
        return of((major & 0xFF) << 8 | (minor & 0xFF));
    }

    /**
     * Parses "TLSv1.2", "TLS1.2", "tls12", "1.2", "SSLv3", "ssl3" or a hex code such as "0x0303".
     */
    public static Optional<ProtocolVersion> parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", ".");
        if (s.startsWith("0x")) {
            try {
                int code = Integer.parseInt(s.substring(2), 16);
                return code >= 0 && code <= 0xFFFF ? Optional.of(of(code)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        s = s.replace("v", "");
        return switch (s) {
            case "ssl2", "ssl2.0" -> Optional.of(SSLv2);
            case "ssl3", "ssl3.0" -> Optional.of(SSLv3);
            case "tls1", "tls1.0", "tls10", "1.0" -> Optional.of(TLSv1_0);
            case "tls1.1", "tls11", "1.1" -> Optional.of(TLSv1_1);
            case "tls1.2", "tls12", "1.2" -> Optional.of(TLSv1_2);
            case "tls1.3", "tls13", "1.3" -> Optional.of(TLSv1_3);
            default -> Optional.empty();
        };
    }

    public int major() {
        return code >>> 8;
    }

    public int minor() {
        return code & 0xFF;
    }

    public boolean isKnown() {
        return code == 0x0002 || (code >= 0x0300 && code <= 0x0304);
    }

    /** A TLS 1.3 draft version (0x7F00 + draft number), as sent by early TLS 1.3 implementations. */
    public boolean isTls13Draft() {
        return (code & 0xFF00) == 0x7F00;
    }

    /** GREASE values (RFC 8701) have the form 0x?A?A. */
    public boolean isGrease() {
        return (code & 0x0F0F) == 0x0A0A && (code >>> 8) == (code & 0xFF);
    }

    /** Whether this version is TLS 1.3 or later in the ordinary (non-draft) numbering. */
    public boolean atLeast(ProtocolVersion other) {
        return compareTo(other) >= 0;
    }

    /** The name used in reports: "SSLv3", "TLSv1.0" ... "TLSv1.3"; unknown codes as "0x7F1C". */
    public String displayName() {
        return switch (code) {
            case 0x0002 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1.0";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> isTls13Draft() ? "TLSv1.3-draft" + (code & 0xFF) : Hex.u16(code);
        };
    }

    /** Orders by protocol age; TLS 1.3 drafts sort just below TLS 1.3. */
    @Override
    public int compareTo(ProtocolVersion o) {
        return Integer.compare(rank(), o.rank());
    }

    private int rank() {
        if (isTls13Draft()) {
            return 0x0304 * 256 - 256 + (code & 0xFF);
        }
        return code * 256;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
