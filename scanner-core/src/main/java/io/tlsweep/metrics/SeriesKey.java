package io.tlsweep.metrics;

import io.tlsweep.text.Labelled;
import io.tlsweep.wire.ProtocolVersion;

/**
 * Names one histogram: what is timed, for hellos offering which highest version, ending in which outcome
 * class. {@link #tag()} is its tag in a histogram log, e.g. {@code connect/TLSv1.2/alert}.
 */
public record SeriesKey(Measure measure, ProtocolVersion offered, OutcomeClass outcome) {

    /** What a series times. */
    public enum Measure implements Labelled {
        /** From connect start until the connection is established. */
        CONNECT("connect"),
        /** From connect start until the first byte of the reply. */
        FIRST_REPLY("first-reply");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The histogram log tag: no spaces or commas, which the log format does not allow. */
    public String tag() {
        return measure.label() + "/" + offered.toString().replace(' ', '_').replace(',', '_') + "/"
                + outcome.label();
    }
}
