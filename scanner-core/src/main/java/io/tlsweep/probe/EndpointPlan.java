package io.tlsweep.probe;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.PreludeFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything sent to one endpoint: the checks of a run, one after the other, each a {@link CheckPlan} started
 * when the ones before it are done (so it can build on what they found) and skipped when it has nothing to send.
 * A finished plan that ends the endpoint (nothing listens, or a re-check found it as its baseline says) stops the
 * rest. When all are done, each may take up its work again once in the light of what the later ones found ({@link
 * CheckPlan#reconsider}: a profile's own hello connecting where the scan took a lost answer for a refusal).
 *
 * <p>Step ids are namespaced per check: the check at position {@code i} of the list uses ids from {@code i << 24},
 * and outcomes are routed back by them.
 *
 * <p>On an endpoint that speaks a prelude before TLS (SMTP's STARTTLS...), every step of every check says it: the
 * checks plan hellos, and this plan puts the endpoint's prelude in front of each one it hands out. What the first
 * connection with the endpoint's prelude learned ({@link #preludeFacts()}) is kept for the result; a check that says
 * another prelude on its own steps (one RDP security protocol set, say) keeps what those learned in its part.
 */
public final class EndpointPlan implements ProbePlan {
    private static final int SLOT_BITS = 24;
    /** Checks one endpoint plan can hold: step ids stay positive ints. */
    static final int MAX_CHECKS = 1 << (Integer.SIZE - 1 - SLOT_BITS);

    private record Started<P>(CheckPlanner<P> planner, CheckPlan<P> plan, int slot) {
    }

    /** Steps handed out and not yet answered, per started check (by slot). */
    private final java.util.Map<Integer, Integer> inFlight = new java.util.HashMap<>();

    private final List<CheckPlanner<?>> checks;
    private final Optional<String> sni;
    private final java.util.OptionalInt port;
    private final Optional<String> host;
    private final Optional<Prelude> prelude;
    private final Optional<Baseline> baseline;
    private final PlanSettings settings;
    private final LostAnswers losses = new LostAnswers();
    private final List<Started<?>> started = new ArrayList<>();
    private Optional<PreludeFacts> preludeFacts = Optional.empty();
    private int next;
    private boolean reconsidered;

    private EndpointPlan(Optional<String> sni, java.util.OptionalInt port, Optional<String> host,
            Optional<Prelude> prelude, Optional<Baseline> baseline, PlanSettings settings,
            List<? extends CheckPlanner<?>> checks) {
        if (checks.isEmpty() || checks.size() > MAX_CHECKS) {
            throw new IllegalArgumentException("an endpoint plan holds 1 to " + MAX_CHECKS + " checks, not "
                    + checks.size());
        }
        Set<String> ids = new HashSet<>();
        for (CheckPlanner<?> c : checks) {
            if (!ids.add(c.key().id())) {
                throw new IllegalArgumentException("two checks with the id '" + c.key().id() + "'");
            }
        }
        this.checks = List.copyOf(checks);
        this.sni = sni;
        this.port = port;
        this.host = host;
        this.prelude = prelude;
        this.baseline = baseline;
        this.settings = settings;
        // the first check with something to send starts at once, so a target the engine never reaches (a name
        // that does not resolve, an excluded address) still has the plan its result is folded from
        while (started.isEmpty() && next < this.checks.size()) {
            start(next++);
        }
    }

    /**
     * The plan of {@code checks}, in that order, for one endpoint.
     *
     * @param baseline what the previous run found, when this run re-checks the endpoint against it
     */
    public static EndpointPlan of(Optional<String> sni, Optional<Baseline> baseline, PlanSettings settings,
            List<? extends CheckPlanner<?>> checks) {
        return new EndpointPlan(sni, java.util.OptionalInt.empty(), Optional.empty(), Optional.empty(), baseline,
                settings, checks);
    }

    /**
     * The plan of {@code checks} for an endpoint where {@code prelude} (when present) is said before TLS on every
     * connection.
     */
    public static EndpointPlan of(Optional<String> sni, Optional<Prelude> prelude, Optional<Baseline> baseline,
            PlanSettings settings, List<? extends CheckPlanner<?>> checks) {
        return new EndpointPlan(sni, java.util.OptionalInt.empty(), Optional.empty(), prelude, baseline, settings,
                checks);
    }

    /**
     * The plan of {@code checks} for an endpoint on {@code host} (a name or an IP literal, as the target gives it)
     * and {@code port}, where {@code prelude} is said before TLS.
     */
    public static EndpointPlan of(Optional<String> sni, String host, int port, Optional<Prelude> prelude,
            Optional<Baseline> baseline, PlanSettings settings, List<? extends CheckPlanner<?>> checks) {
        return new EndpointPlan(sni, java.util.OptionalInt.of(port), Optional.of(host), prelude, baseline, settings,
                checks);
    }

    /** The full scan, followed by the profiles' hellos (none when {@code profiles} is empty). */
    public static EndpointPlan scanThenProfiles(Optional<String> sni, ScanOptions options,
            List<ClientProfile> profiles) {
        return of(sni, Optional.empty(), Optional.empty(), new PlanSettings(options, profiles, false, false),
                List.of(planner(TargetScan.KEY, TargetScan::plan, false),
                        planner(ProfileProbe.KEY, ProfileProbe::plan, true)));
    }

    private static <P> CheckPlanner<P> planner(PartKey<P> key,
            java.util.function.Function<PlanContext, Optional<? extends CheckPlan<P>>> plan, boolean independent) {
        return new CheckPlanner<>() {
            @Override
            public PartKey<P> key() {
                return key;
            }

            @Override
            public boolean needsNothingEarlier() {
                return independent;
            }

            @Override
            public Optional<? extends CheckPlan<P>> plan(PlanContext context) {
                return plan.apply(context);
            }
        };
    }

    private <P> void start(int slot) {
        @SuppressWarnings("unchecked")
        CheckPlanner<P> planner = (CheckPlanner<P>) checks.get(slot);
        planner.plan(new PlanContext(this, slot << SLOT_BITS))
                .ifPresent(p -> started.add(new Started<>(planner, p, slot)));
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> out = new ArrayList<>();
        // each turn starts a check or reconsiders, so this ends after at most checks + 1 turns
        for (int turn = 0; turn <= checks.size() + 1; turn++) {
            boolean running = false;
            boolean blocking = false;
            for (Started<?> s : started) {
                if (s.plan().done()) {
                    continue;
                }
                losses.busyElsewhere(inFlight.entrySet().stream()
                        .anyMatch(e -> e.getKey() != s.slot() && e.getValue() > 0));
                // a plan may finish without a step (settling its last lost answers): then the next goes on
                List<ProbeStep> steps = s.plan().ready();
                if (!steps.isEmpty() || !s.plan().done()) {
                    out.addAll(inRange(s, steps));
                    running = true;
                    // on an endpoint losing answers, one check at a time, as one connection at a time
                    if (!s.plan().laterChecksMayStart() || losses.losesAnswers()) {
                        blocking = true;
                        break;
                    }
                }
            }
            boolean mayStart = !running || !blocking && next < checks.size() && checks.get(next).needsNothingEarlier();
            if (!ended() && next < checks.size() && mayStart) {
                start(next++);
            } else if (running) {
                return out;
            } else if (!reconsidered) {
                reconsidered = true;
                PlanContext all = new PlanContext(this, 0);
                List.copyOf(started).forEach(s -> s.plan().reconsider(all));
            } else {
                return out;
            }
        }
        throw new IllegalStateException("the endpoint plan did not settle");
    }

    /** The steps, checked to be in the check's range, each with the endpoint's prelude in front. */
    private List<ProbeStep> inRange(Started<?> s, List<ProbeStep> steps) {
        List<ProbeStep> out = new ArrayList<>(steps.size());
        for (ProbeStep step : steps) {
            if (step.id() >>> SLOT_BITS != s.slot()) {
                throw new IllegalStateException("check " + s.planner().key().id() + " handed out step id "
                        + step.id() + ", outside its range from " + (s.slot() << SLOT_BITS));
            }
            out.add(prelude.isPresent() && step.prelude().isEmpty() ? step.withPrelude(prelude.get()) : step);
        }
        inFlight.merge(s.slot(), steps.size(), Integer::sum);
        return out;
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        if (preludeFacts.isEmpty() && (prelude.isEmpty() || step.prelude().equals(prelude))) {
            preludeFacts = outcome.prelude();
        }
        int slot = step.id() >>> SLOT_BITS;
        inFlight.merge(slot, -1, Integer::sum);
        for (Started<?> s : started) {
            if (s.slot() == slot) {
                s.plan().complete(step, outcome);
                return;
            }
        }
        throw new IllegalStateException("outcome for step " + step.id() + ", which no started check handed out");
    }

    /**
     * The earlier check's steps go first: the scan's sequential chains of hellos are not held up behind the profile
     * hellos sent beside them.
     */
    @Override
    public int rank(ProbeStep step) {
        return step.id() >>> SLOT_BITS;
    }

    @Override
    public boolean done() {
        for (Started<?> s : started) {
            if (!s.plan().done()) {
                return false;
            }
        }
        return (ended() || next >= checks.size()) && reconsidered;
    }

    /** A finished plan ended the endpoint: the checks after it are not started. */
    private boolean ended() {
        return started.stream().anyMatch(s -> s.plan().done() && s.plan().endsEndpoint());
    }

    /** The parts the finished checks produced, in the order of the checks. */
    public CheckParts parts() {
        CheckParts parts = CheckParts.NONE;
        for (Started<?> s : started) {
            parts = withPart(parts, s);
        }
        return parts;
    }

    private static <P> CheckParts withPart(CheckParts parts, Started<P> s) {
        if (!s.plan().done()) {
            return parts;
        }
        return s.plan().part().map(p -> parts.with(s.planner().key(), p, s.plan().connections())).orElse(parts);
    }

    <P> Optional<CheckPlan<P>> started(PartKey<P> key) {
        for (Started<?> s : started) {
            if (s.planner().key().equals(key)) {
                @SuppressWarnings("unchecked")
                CheckPlan<P> plan = (CheckPlan<P>) s.plan();
                return Optional.of(plan);
            }
        }
        return Optional.empty();
    }

    <T> Optional<T> started(Class<T> type) {
        return started.stream().map(Started::plan).filter(type::isInstance).map(type::cast).findFirst();
    }

    public Optional<TargetScan> scan() {
        return started(TargetScan.class);
    }

    /** The profiles' hellos, when they were sent (or are being sent). */
    public Optional<ProfileProbe> profiles() {
        return started(ProfileProbe.class);
    }

    /** The re-check, when this plan began with one. */
    public Optional<Recheck> recheck() {
        return started(Recheck.class);
    }

    public int connections() {
        return started.stream().mapToInt(s -> s.plan().connections()).sum();
    }

    /** The endpoint's lost answers: retries, and the contradictions they could not settle. */
    LostAnswers losses() {
        return losses;
    }

    /** Whether a re-check found the endpoint as its baseline says, so nothing else was sent. */
    public boolean unchangedSinceBaseline() {
        return recheck().map(Recheck::unchanged).orElse(false);
    }

    /** What the first connection that said a prelude learned from it; empty when none did (or none got that far). */
    public Optional<PreludeFacts> preludeFacts() {
        return preludeFacts;
    }

    java.util.OptionalInt port() {
        return port;
    }

    Optional<String> host() {
        return host;
    }

    Optional<String> sni() {
        return sni;
    }

    Optional<Prelude> prelude() {
        return prelude;
    }

    Optional<Baseline> baseline() {
        return baseline;
    }

    PlanSettings settings() {
        return settings;
    }
}
