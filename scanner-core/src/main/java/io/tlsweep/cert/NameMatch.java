package io.tlsweep.cert;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the leaf certificate is valid for the name the client asked for.
 *
 * @param outcome   matched, mismatched, or not checked (no name, no parseable leaf)
 * @param name      the reference name as given (SNI name or IP literal)
 * @param presented the presented identifier that matched ({@code DNS:*.example.com}, {@code IP:10.0.0.1},
 *                  {@code CN:legacy.example} when the certificate has no dNSName), or empty
 * @param detail    one line for an operator: what matched, or what the certificate holds instead
 */
public record NameMatch(Outcome outcome, Optional<String> name, Optional<String> presented, String detail) {

    /** The three answers to "is this certificate for this name?". */
    public enum Outcome {
        MATCHED,
        MISMATCHED,
        NOT_CHECKED
    }

    public NameMatch {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(detail, "detail");
    }

    static NameMatch matched(String name, String presented) {
        return new NameMatch(Outcome.MATCHED, Optional.of(name), Optional.of(presented),
                "name " + name + " matches " + presented);
    }

    static NameMatch mismatched(String name, String detail) {
        return new NameMatch(Outcome.MISMATCHED, Optional.of(name), Optional.empty(), detail);
    }

    static NameMatch notChecked(String why) {
        return new NameMatch(Outcome.NOT_CHECKED, Optional.empty(), Optional.empty(), why);
    }
}
