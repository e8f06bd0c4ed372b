package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * ROBOT's plan: a round of one connection per {@link RobotVariant} (the same hello, then that variant's
 * {@link RobotKeyExchange}), all at once; when the round does not settle it (an answer lost, a silence, or answers
 * that differ and so need confirming), the whole round once more. At most {@value #MAX_ROUNDS} rounds:
 * {@code 2 * 5} connections.
 *
 * @param <P> the part it folds
 */
final class RobotRounds<P> implements CheckPlan<P> {
    /** Rounds at most: the first, and one repeat. */
    static final int MAX_ROUNDS = 2;
    /** Connections at most. */
    static final int MAX_CONNECTIONS = MAX_ROUNDS * RobotVariant.values().length;

    private final String purpose;
    private final ClientHelloSpec hello;
    private final int clientVersion;
    private final int firstId;
    private final Function<List<List<ConnectionOutcome>>, Optional<P>> decide;
    private final List<List<ConnectionOutcome>> rounds = new ArrayList<>();
    private ConnectionOutcome[] current;
    private int pending;
    private boolean roundReady = true;
    private P part;

    /**
     * @param firstId the id of its first step; it uses at most {@link #MAX_CONNECTIONS} from there
     * @param decide the part from the rounds so far (each the outcomes in variant order), or empty when another
     *     round is needed; with {@value #MAX_ROUNDS} rounds it must give one
     */
    RobotRounds(int firstId, String purpose, ClientHelloSpec hello, int clientVersion,
            Function<List<List<ConnectionOutcome>>, Optional<P>> decide) {
        this.purpose = purpose;
        this.hello = hello;
        this.clientVersion = clientVersion;
        this.firstId = firstId;
        this.decide = decide;
    }

    @Override
    public List<ProbeStep> ready() {
        if (!roundReady || part != null) {
            return List.of();
        }
        roundReady = false;
        RobotVariant[] variants = RobotVariant.values();
        current = new ConnectionOutcome[variants.length];
        pending = variants.length;
        List<ProbeStep> steps = new ArrayList<>();
        for (RobotVariant v : variants) {
            int id = firstId + rounds.size() * variants.length + v.ordinal();
            steps.add(new ProbeStep(id, purpose + ": " + v.label() + (rounds.isEmpty() ? "" : " again"), hello)
                    .withFollowUps(new RobotKeyExchange(v, clientVersion)));
        }
        return steps;
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        int variants = RobotVariant.values().length;
        int i = step.id() - firstId - rounds.size() * variants;
        if (current == null || i < 0 || i >= variants || current[i] != null) {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
        current[i] = Objects.requireNonNull(outcome, "outcome");
        if (--pending > 0) {
            return;
        }
        rounds.add(List.copyOf(Arrays.asList(current)));
        current = null;
        Optional<P> decided = decide.apply(List.copyOf(rounds));
        if (decided.isPresent()) {
            part = decided.get();
        } else if (rounds.size() < MAX_ROUNDS) {
            roundReady = true;
        } else {
            throw new IllegalStateException("no part after " + MAX_ROUNDS + " rounds");
        }
    }

    @Override
    public boolean done() {
        return part != null;
    }

    @Override
    public Optional<P> part() {
        return Optional.ofNullable(part);
    }

    @Override
    public int connections() {
        int variants = RobotVariant.values().length;
        return rounds.size() * variants + (current == null ? 0 : variants);
    }
}
