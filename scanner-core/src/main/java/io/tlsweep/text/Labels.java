package io.tlsweep.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The constants of a {@link Labelled} enum by label: the one way back from the word in a JSON line, an option or
 * a file to the constant. Built once per enum ({@code Labels.of(Verdict.class)}, in a constant) and immutable.
 * Building it checks the labels: every constant has one and no two share one, so a copied label fails the first
 * time the enum is used instead of turning one constant into another when read back.
 *
 * <p>{@link #of} matches a label exactly, as text tlsweep wrote itself is read; {@link #ofAnyCase} matches what a
 * person types, case and surrounding blanks ignored, and so needs labels in lower case. {@link #withAliases} adds
 * other words for a constant (other names of the same thing), which {@link #all} does not list.
 */
public final class Labels<E extends Enum<E> & Labelled> {
    private final Class<E> type;
    private final boolean anyCase;
    private final List<String> labels;
    private final Map<String, E> byWord;

    private Labels(Class<E> type, boolean anyCase, Map<String, E> aliases) {
        this.type = type;
        this.anyCase = anyCase;
        List<String> all = new ArrayList<>();
        Map<String, E> words = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            String label = constant.label();
            if (label == null || label.isEmpty()) {
                throw new IllegalArgumentException(name(constant) + " has no label");
            }
            add(words, label, constant, "label");
            all.add(label);
        }
        aliases.forEach((alias, constant) -> add(words, alias, constant, "alias"));
        this.labels = List.copyOf(all);
        this.byWord = Map.copyOf(words);
    }

    /** The labels of {@code type}, matched exactly. */
    public static <E extends Enum<E> & Labelled> Labels<E> of(Class<E> type) {
        return new Labels<>(type, false, Map.of());
    }

    /**
     * The labels of {@code type}, matched ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException when a label is not in lower case (no text could match it)
     */
    public static <E extends Enum<E> & Labelled> Labels<E> ofAnyCase(Class<E> type) {
        return new Labels<>(type, true, Map.of());
    }

    /**
     * These labels, and {@code aliases} as further words for their constants, matched the same way.
     *
     * @throws IllegalArgumentException when an alias is a label or, for {@link #ofAnyCase}, not in lower case
     */
    public Labels<E> withAliases(Map<String, E> aliases) {
        return new Labels<>(type, anyCase, aliases);
    }

    /** The constant {@code text} names, if any (none for null). */
    public Optional<E> find(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(byWord.get(anyCase ? normal(text) : text));
    }

    /**
     * The constant {@code text} names.
     *
     * @param what what the text should name, for the message ("verdict", "--fail-on condition")
     * @throws IllegalArgumentException "unknown verdict 'x' (expected one of ready, ...)", the text shown as it is
     *     given with its control characters escaped
     */
    public E require(String text, String what) {
        return find(text).orElseThrow(() -> new IllegalArgumentException("unknown " + what + " '"
                + VisibleText.of(String.valueOf(text)) + "' (expected one of " + String.join(", ", labels) + ")"));
    }

    /** Every label, in the order of the constants; aliases are not listed. */
    public List<String> all() {
        return labels;
    }

    /** The labels for a sentence: "full, versions-only or recheck". */
    public String alternatives() {
        if (labels.size() < 2) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }

    private void add(Map<String, E> words, String word, E constant, String kind) {
        if (anyCase && !word.equals(normal(word))) {
            throw new IllegalArgumentException(name(constant) + ": the " + kind + " '" + word + "' is not in lower"
                    + " case without blanks around it, so no text would match it when case is ignored");
        }
        E other = words.putIfAbsent(word, constant);
        if (other != null) {
            throw new IllegalArgumentException(name(constant) + ": the " + kind + " '" + word + "' is already "
                    + (other == constant ? "its own" : name(other) + "'s") + " label");
        }
    }

    private static String normal(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    private String name(E constant) {
        return type.getName() + "." + constant.name();
    }
}
