package io.tlsweep.analysis;

import io.tlsweep.result.Finding;
import java.util.List;

/** The verdict on one endpoint, a one-line reason an operator can act on, and the findings beside it. */
public record Assessment(Verdict verdict, String reason, List<Finding> findings) {
    public Assessment {
        findings = List.copyOf(findings);
    }
}
