package io.tlsweep.evidence;

import java.util.Objects;

/**
 * Reads one input's lines in order; a fresh parser per input, because some formats declare their fields in a
 * header line (IIS {@code #Fields:}, Zeek {@code #fields}).
 */
@FunctionalInterface
public interface LineParser {
    /** What one line says. */
    Parsed parse(String line);

    /** A line's meaning: a handshake seen, a line of no interest (a header, a request without TLS), or a bad line. */
    sealed interface Parsed {
        /** A line that is not a handshake: a comment, a header, a plain-text request. */
        Parsed SKIPPED = new Skipped();

        static Parsed bad(String why) {
            return new Bad(why);
        }

        static Parsed seen(Observation o) {
            return new Seen(o);
        }
    }

    record Seen(Observation observation) implements Parsed {
        public Seen {
            Objects.requireNonNull(observation, "observation");
        }
    }

    record Skipped() implements Parsed {
    }

    record Bad(String why) implements Parsed {
        public Bad {
            Objects.requireNonNull(why, "why");
        }
    }
}
