package io.tlsweep.input;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What is spoken before TLS, as a run is told: on every target line without a word of its own (the run's
 * {@code --starttls}) and on a line that says {@code starttls=VALUE}. A value is {@value #AUTO} (the protocol
 * spoken on the target's port by default, if any), {@value #NONE} (TLS from the first byte) or a protocol's name.
 *
 * <p>The names come from the caller, with the ports {@code auto} picks them on, as plain data: this package
 * knows no protocol (the codecs are in {@code io.tlsweep.prelude}, above it, and {@code run} hands their names
 * down), so a line's word is checked where it is read and a bad one is that line's error.
 *
 * @param names the protocols known, lower case, in the order they are listed in messages
 * @param byPort the protocol {@code auto} picks on a port; every value is among {@code names}
 * @param fallback what a line without {@code starttls=} gets: {@value #AUTO}, {@value #NONE} or a known name
 */
public record StartTls(List<String> names, Map<Integer, String> byPort, String fallback) {
    public static final String AUTO = "auto";
    public static final String NONE = "none";

    /** No protocol known: every target is TLS from the first byte, and any {@code starttls=NAME} is an error. */
    public static final StartTls DIRECT = new StartTls(List.of(), Map.of(), AUTO);

    public StartTls {
        names = List.copyOf(names);
        byPort = Map.copyOf(byPort);
        Objects.requireNonNull(fallback, "fallback");
        for (String name : names) {
            if (!name.equals(name.toLowerCase(Locale.ROOT)) || name.equals(AUTO) || name.equals(NONE)) {
                throw new IllegalArgumentException("a protocol name is lower case and neither auto nor none: " + name);
            }
        }
        if (!names.containsAll(byPort.values())) {
            throw new IllegalArgumentException("a port's protocol is not among " + names + ": " + byPort);
        }
        if (!fallback.equals(AUTO) && !fallback.equals(NONE) && !names.contains(fallback)) {
            throw new IllegalArgumentException(unknown(fallback, names));
        }
    }

    /** These protocols, picked by {@code auto} on their ports, with {@code fallback} for lines without a word. */
    public static StartTls of(Map<String, List<Integer>> portsByName, String fallback) {
        Map<Integer, String> byPort = new LinkedHashMap<>();
        portsByName.forEach((name, ports) -> ports.forEach(port -> byPort.put(port, name)));
        return new StartTls(new ArrayList<>(portsByName.keySet()), byPort, fallback);
    }

    /** The same protocols with another value for lines without a word. */
    public StartTls withFallback(String value) {
        return new StartTls(names, byPort, value);
    }

    /**
     * A value as a user writes it ({@code SMTP} is {@code smtp}), checked.
     *
     * @throws IllegalArgumentException naming the value and what is allowed
     */
    public String checked(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            throw new IllegalArgumentException("no protocol given (" + allowed(names) + ")");
        }
        if (!v.equals(AUTO) && !v.equals(NONE) && !names.contains(v)) {
            throw new IllegalArgumentException(unknown(value, names));
        }
        return v;
    }

    /**
     * The protocol spoken before TLS on a target, empty for TLS from the first byte.
     *
     * @param lineValue the line's own checked value, empty when it has none
     */
    public Optional<String> protocolFor(Optional<String> lineValue, int port) {
        String v = lineValue.orElse(fallback);
        return switch (v) {
            case AUTO -> Optional.ofNullable(byPort.get(port));
            case NONE -> Optional.empty();
            default -> Optional.of(v);
        };
    }

    private static String unknown(String value, List<String> names) {
        return "unknown protocol '" + value + "' (" + allowed(names) + ")";
    }

    private static String allowed(List<String> names) {
        return (names.isEmpty() ? "" : String.join(", ", names) + ", ") + NONE + " or " + AUTO;
    }
}
