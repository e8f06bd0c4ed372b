package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * An immutable index of registry entries by numeric code and by case-insensitive name.
 * Building one rejects two entries with the same code, and one name (or alias) that would
 * lead to two different entries, so a registry can never answer a lookup ambiguously.
 *
 * @param <T> the registry's entry type
 */
final class CodeTable<T> {
    private final Map<Integer, T> byCode;
    private final Map<String, T> byName;
    private final List<T> inCodeOrder;

    /**
     * @param registry what is indexed, for error messages ("NamedGroup")
     * @param entries  the registered entries, in any order
     * @param code     the entry's code
     * @param names    every name the entry answers to (its registered name first, then aliases)
     * @throws IllegalArgumentException on a duplicate code or a name shared by two entries
     */
    CodeTable(String registry, Collection<T> entries, ToIntFunction<T> code, Function<T, List<String>> names) {
        Map<Integer, T> codes = new HashMap<>();
        Map<String, T> lowerNames = new HashMap<>();
        for (T entry : entries) {
            int c = code.applyAsInt(entry);
            T previous = codes.putIfAbsent(c, entry);
            if (previous != null) {
                throw new IllegalArgumentException(
                        registry + ": code " + Hex.u16(c) + " registered twice (" + previous + ", " + entry + ")");
            }
            for (String name : names.apply(entry)) {
                String key = key(name);
                T other = lowerNames.putIfAbsent(key, entry);
                if (other != null && other != entry) {
                    throw new IllegalArgumentException(registry + ": name '" + name + "' used by both "
                            + Hex.u16(code.applyAsInt(other)) + " and " + Hex.u16(c));
                }
            }
        }
        List<T> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt(code));
        this.byCode = Map.copyOf(codes);
        this.byName = Map.copyOf(lowerNames);
        this.inCodeOrder = List.copyOf(ordered);
    }

    Optional<T> byCode(int code) {
        return Optional.ofNullable(byCode.get(code));
    }

    T byCodeOrNull(int code) {
        return byCode.get(code);
    }

    Optional<T> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(key(name)));
    }

    /** Every entry, ordered by code. */
    List<T> all() {
        return inCodeOrder;
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** GREASE values (RFC 8701) have the form 0x?A?A, both bytes equal. */
    static boolean isGrease16(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >>> 8) == (code & 0xFF);
    }

    static int checkU16(int code, String what) {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException(what + " code out of range 0..0xFFFF: " + code);
        }
        return code;
    }

    static int checkU8(int code, String what) {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException(what + " code out of range 0..0xFF: " + code);
        }
        return code;
    }
}
