package io.tlsweep.evidence;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start of an evidence window as {@code --since} takes it: a duration back from now ({@code 30d}, {@code 12h},
 * {@code 90m}, or ISO-8601 {@code P30D}, {@code PT12H}), a date (its start, UTC: {@code 2026-11-01}) or an instant
 * ({@code 2026-11-01T08:00:00Z}, {@code 2026-11-01T09:00:00+01:00}).
 */
public final class WindowStart {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dhm])");

    private WindowStart() {
    }

    /** The instant {@code text} names, relative to {@code now} where it is a duration; empty when it names none. */
    public static Optional<Instant> parse(String text, Instant now) {
        String t = text.strip();
        Matcher m = SHORT.matcher(t.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration back = switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                };
                return Optional.of(now.minus(back));
            }
            if (t.startsWith("P") || t.startsWith("p")) {
                Duration back = Duration.parse(t);
                return back.isNegative() ? Optional.empty() : Optional.of(now.minus(back));
            }
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
