package io.tlsweep.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's exclusions, read from {@code --exclude}, {@code --exclude-file} and a sweep's {@code exclude:}:
 * IPv4 and IPv6 addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code 2001:db8::/32};
 * host bits are cleared, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}). A file holds one a line; {@code #}
 * starts a comment. Names are refused: exclusions are about addresses, and a name's address is what the
 * engine checks after resolving it. Bad entries become {@link InputError}s naming where they are.
 */
public final class ScopeRules {
    private final List<Scope.Rule> rules = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();

    /** One address or CIDR range; {@code origin} names where it came from ({@code --exclude}). */
    public ScopeRules exclude(String entry, String origin) {
        String text = entry.strip();
        if (text.isEmpty()) {
            errors.add(new InputError(origin, "empty exclusion (expected an address or a CIDR range)"));
            return this;
        }
        try {
            rules.add(Scope.Rule.parse(text, text + " (" + origin + ")"));
        } catch (BadTargetException e) {
            errors.add(new InputError(origin, e.getMessage()));
        }
        return this;
    }

    /** Every line of {@code file}; lines are named {@code file:line} in reasons and errors. */
    public ScopeRules excludeFile(Path file) {
        LineInput.TextStream in = LineInput.TextStream.file(file);
        LineInput.Line line;
        while ((line = in.next(errors::add)) != null) {
            List<String> words = TargetLine.words(line.text());
            if (words.size() > 1) {
                errors.add(new InputError(line.origin(), "one address or CIDR range a line, not '"
                        + String.join(" ", words) + "'"));
            } else if (words.size() == 1) {
                exclude(words.get(0), line.origin());
            }
        }
        return this;
    }

    /** What could not be read; a run must not start with any (an exclusion it failed to read may be vital). */
    public List<InputError> errors() {
        return List.copyOf(errors);
    }

    /** The fixed rules and every exclusion read. */
    public Scope scope() {
        return new Scope(rules);
    }
}
