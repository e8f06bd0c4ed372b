package io.tlsweep.wire;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The level byte of a TLS alert: warning (1) or fatal (2). Other values, as sent by broken or
 * non-TLS peers, keep their code and print as hex. Two levels are equal when their codes are equal.
 */
public final class AlertLevel extends RegisteredCode {
    public static final AlertLevel WARNING = new AlertLevel(1, "warning");
    public static final AlertLevel FATAL = new AlertLevel(2, "fatal");

    private AlertLevel(int code, String name) {
        super(code, name, List.of(), 1);
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
}
