package io.tlsweep.advice;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing to change on an endpoint.
 *
 * @param step what to turn on or off ("switch off TLSv1.0, TLSv1.1")
 * @param where where that is set on the server software the scan could tell, or the generic hint when it could not
 * @param source the documentation {@code where} is taken from; empty when the software is not known
 */
public record NextStep(String step, String where, Optional<String> source) {

    public NextStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(source, "source");
    }
}
