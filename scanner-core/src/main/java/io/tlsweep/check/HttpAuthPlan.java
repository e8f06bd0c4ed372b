package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plan of the HTTP authentication check: its steps (one real handshake per path asked) handed out at once,
 * their outcomes folded into the part, in the steps' order, once every one is in.
 */
final class HttpAuthPlan implements CheckPlan<HttpAuthCheck.Part> {
    private final List<ProbeStep> steps;
    private final Function<List<ConnectionOutcome>, HttpAuthCheck.Part> fold;
    private final Map<Integer, ConnectionOutcome> outcomes = new LinkedHashMap<>();
    private boolean sent;
    private HttpAuthCheck.Part part;

    HttpAuthPlan(List<ProbeStep> steps, Function<List<ConnectionOutcome>, HttpAuthCheck.Part> fold) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("at least one step");
        }
        this.steps = List.copyOf(steps);
        this.fold = Objects.requireNonNull(fold, "fold");
    }

    @Override
    public List<ProbeStep> ready() {
        if (sent) {
            return List.of();
        }
        sent = true;
        return steps;
    }

    @Override
    public void complete(ProbeStep done, ConnectionOutcome outcome) {
        if (!sent || part != null || steps.stream().noneMatch(s -> s.id() == done.id())
                || outcomes.containsKey(done.id())) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + done.id());
        }
        outcomes.put(done.id(), outcome);
        if (outcomes.size() == steps.size()) {
            List<ConnectionOutcome> inOrder = new ArrayList<>();
            steps.forEach(s -> inOrder.add(outcomes.get(s.id())));
            part = Objects.requireNonNull(fold.apply(inOrder), "the fold gave no part");
        }
    }

    @Override
    public boolean done() {
        return part != null;
    }

    @Override
    public Optional<HttpAuthCheck.Part> part() {
        return Optional.ofNullable(part);
    }

    @Override
    public int connections() {
        return sent ? steps.size() : 0;
    }
}
