package io.tlsweep.prelude.line;

import io.tlsweep.prelude.ShortText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The authentication mechanisms a server advertises, as a codec gathers them: upper case, in the server's order,
 * each once, at most {@value #MAX} of at most {@value #MAX_LENGTH} characters each (a hostile list stays short).
 */
public final class MechanismList {
    public static final int MAX = 32;
    public static final int MAX_LENGTH = 64;
    /** The SASL mechanisms that carry the password itself (base64 is not encryption). */
    private static final List<String> PLAIN_TEXT = List.of("PLAIN", "LOGIN");

    private final List<String> names = new ArrayList<>();

    /** Adds each mechanism in {@code words}, separated by spaces. */
    public void addAll(String words) {
        for (String word : words.trim().split("\\s+")) {
            add(word);
        }
    }

    public void add(String mechanism) {
        String name = ShortText.cut(mechanism.trim().toUpperCase(Locale.ROOT), MAX_LENGTH);
        if (!name.isEmpty() && names.size() < MAX && !names.contains(name)) {
            names.add(name);
        }
    }

    public List<String> list() {
        return List.copyOf(names);
    }

    /** Of {@code mechanisms}, those that send the password in plain text (PLAIN, LOGIN), in their order. */
    public static List<String> plainText(List<String> mechanisms) {
        return mechanisms.stream().filter(PLAIN_TEXT::contains).toList();
    }
}
