package io.tlsweep.check;

import io.tlsweep.probe.CheckPlanner;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.TargetResult;
import java.util.List;
import java.util.Optional;

/**
 * One capability of tlsweep as a unit: the plan that decides its next exchange from the outcomes so far (given
 * what the checks before it found), the typed part of the result it produces, its finding rules, and how its part
 * is written to the result line and read back. Registered in {@link Checks#BUILT_IN}; adding a check is one new
 * class and one line there.
 *
 * <p>A check is pure: it sees hellos and outcomes, never a channel, a socket or a file, so it is tested with
 * scripted answers.
 *
 * @param <P> the type of its part: an immutable value
 */
public interface Check<P> extends CheckPlanner<P> {

    /** The id, also the part's key in the result line's {@code checks} section. */
    default String id() {
        return key().id();
    }

    /**
     * Whether the user chooses it ({@code --checks LIST}, {@code --no-checks}): the active checks are, the checks
     * whose part carries a {@link Judgement}. The scan and what rests on it (the re-check, the client profiles'
     * hellos, the per-service checks) are not: they run whatever the selection says.
     */
    default boolean optional() {
        return Judged.class.isAssignableFrom(key().type());
    }

    /**
     * Whether an optional check runs when {@code --checks} does not name it: a check that costs a few connections
     * is on by default; one that costs many (ROBOT's oracle variants, a real client-initiated renegotiation) is
     * opt-in and says why in {@link #about()}.
     */
    default boolean onByDefault() {
        return true;
    }

    /**
     * What it sends and what it costs, in one line for {@code --help} ("one heartbeat request after the
     * ServerHelloDone: 1 connection"); empty when it says nothing there.
     */
    default String about() {
        return "";
    }

    /** The kinds of finding its rules can raise: its entries in the one findings taxonomy. */
    default List<FindingKind> kinds() {
        return List.of();
    }

    /**
     * Its finding rules: what its part says is worth reporting, given the endpoint's other facts. Only kinds of
     * {@link #kinds()}. By default, a check with one kind of finding whose part carries a {@link Judgement} raises it
     * when the judgement is vulnerable, with the judgement's reason; none otherwise.
     */
    default List<Finding> findings(P part, TargetResult result) {
        if (kinds().size() == 1 && part instanceof Judged judged && judged.judgement().vulnerable()) {
            return List.of(new Finding(kinds().get(0), judged.judgement().reason()));
        }
        return List.of();
    }

    /**
     * How its part goes into the result line and back, so every report can be rebuilt from the lines alone; empty
     * for the checks whose facts are fields of the line of their own (the scan, the profile hellos, the re-check).
     */
    default Optional<PartJson<P>> json() {
        return Optional.empty();
    }

    /** Its part of {@code r}, when it contributed one. */
    default Optional<P> part(TargetResult r) {
        return r.checks().get(key());
    }
}
