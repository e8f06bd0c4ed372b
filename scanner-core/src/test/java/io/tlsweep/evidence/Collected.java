package io.tlsweep.evidence;

import java.util.ArrayList;
import java.util.List;

/** What a reader read from its inputs, for a test to look at: the observations and the problems, in order. */
public class Collected implements EvidenceSink {
    public final List<Observation> seen = new ArrayList<>();
    public final List<EvidenceProblem> problems = new ArrayList<>();

    @Override
    public void observed(Observation o) {
        seen.add(o);
    }

    @Override
    public void problem(EvidenceProblem p) {
        problems.add(p);
    }
}
