package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsweep.advice.NextStep;

/**
 * One next step in the result line: what to turn on or off, where it is set, and the documentation that says so
 * (absent when the software was not identified).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NextStepJson(String step, String where, String source) {

    static NextStepJson of(NextStep s) {
        return new NextStepJson(s.step(), s.where(), s.source().orElse(null));
    }

    /** "step (where)" on one line, for a CSV cell or a line of text. */
    public String oneLine() {
        return EndpointFacts.nonNull(step) + (where == null || where.isEmpty() ? "" : " — where: " + where);
    }
}
