package io.tlsweep.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The level byte of a TLS alert: warning (1) or fatal (2). Other values, as sent by broken or
 * non-TLS peers, keep their code and print as hex. Two levels are equal when their codes are equal.
 */
public final class AlertLevel {
    public static final AlertLevel WARNING = new AlertLevel(1, "warning");
    public static final AlertLevel FATAL = new AlertLevel(2, "fatal");

    private final int code;
    private final String name;

    private AlertLevel(int code, String name) {
        this.code = code;
        this.name = name;
    }

    /**
     * @throws IllegalArgumentException when code is outside 0..0xFF
     */
    public static AlertLevel of(int code) {
        CodeTable.checkU8(code, "alert level");
        return switch (code) {
            case 1 -> WARNING;
            case 2 -> FATAL;
            default -> new AlertLevel(code, null);
        };
    }

    /** "warning" or "fatal", ignoring case. */
    public static Optional<AlertLevel> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "warning" -> Optional.of(WARNING);
            case "fatal" -> Optional.of(FATAL);
            default -> Optional.empty();
        };
    }

    public static List<AlertLevel> all() {
        return List.of(WARNING, FATAL);
    }

    public int code() {
        return code;
    }

    public boolean isKnown() {
        return name != null;
    }

    /** "warning", "fatal", or hex ("0x05") for an unknown code. */
    public String name() {
        return name != null ? name : Hex.u8(code);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertLevel other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return name();
    }
}
