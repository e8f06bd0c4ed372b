package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Inconsistency;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Optional;

/** Folds a finished (or cut short) {@link TargetScan} into the immutable {@link TargetResult}. */
public final class TargetResults {
    private static final int UNRECOGNIZED_NAME = 112;

    private TargetResults() {
    }

    /**
     * Folds everything sent to one endpoint: the scan and the profile hellos, or the profile hellos alone.
     *
     * @param engineFailure a failure the engine saw for the whole target (DNS, budget exceeded)
     */
    public static TargetResult of(EndpointPlan plan, Target target, Optional<String> address,
            Optional<Failure> engineFailure, long elapsedMillis) {
        return ofPlans(plan, target, address, engineFailure, elapsedMillis).withChecks(plan.parts())
                .withPrelude(plan.preludeFacts()).withTls13Flight(plan.scan().flatMap(TargetScan::tls13Flight));
    }

    private static TargetResult ofPlans(EndpointPlan plan, Target target, Optional<String> address,
            Optional<Failure> engineFailure, long elapsedMillis) {
        Map<String, ProfileOutcome> hellos = plan.profiles().map(ProfileProbe::observed).orElse(Map.of());
        if (plan.unchangedSinceBaseline()) {
            return new TargetResult(target, address, ScanStatus.OK, engineFailure, List.of(), Map.of(), List.of(),
                    List.of(), false, List.of("re-checked against the baseline: unchanged"), hellos,
                    plan.connections(), elapsedMillis);
        }
        if (plan.recheck().isPresent() && plan.scan().isEmpty()) {
            Failure why = engineFailure.orElse(Failure.of(FailureKind.BUDGET_EXCEEDED, "the re-check did not finish"));
            return new TargetResult(target, address, statusOf(why), Optional.of(why), List.of(), Map.of(), List.of(),
                    List.of(), false, List.of(), hellos, plan.connections(), elapsedMillis);
        }
        TargetResult r = plan.scan().map(s -> of(s, target, address, engineFailure, elapsedMillis))
                .orElseGet(() -> withLosses(ofProfiles(plan.profiles().orElseThrow(() -> new IllegalStateException(
                        "an endpoint plan with neither a scan nor profile hellos")), target, address, engineFailure,
                        elapsedMillis), plan.losses()));
        List<String> notes = new ArrayList<>();
        plan.recheck().ifPresent(c -> notes.add("re-check against the baseline differed (" + String.join("; ",
                c.differences()) + "): scanned in full"));
        notes.addAll(r.notes());
        return new TargetResult(r.target(), r.address(), r.status(), r.failure(), r.protocols(), r.refusals(),
                r.groups(), r.certificateChain(), r.ocspStapled(), notes, hellos, plan.connections(),
                r.elapsedMillis(), r.inconsistencies());
    }

    /**
     * The lost answers' part: notes on what was sent again and, when contradictions stood, the status
     * {@link ScanStatus#INCONSISTENT} with the evidence (what was seen is kept, as found).
     */
    private static TargetResult withLosses(TargetResult r, LostAnswers losses) {
        List<String> notes = new ArrayList<>(r.notes());
        notes.addAll(losses.notes());
        List<Inconsistency> found = losses.inconsistencies();
        boolean inconsistent = !found.isEmpty() && (r.status() == ScanStatus.OK || r.status() == ScanStatus.REJECTED
                || r.status() == ScanStatus.SNI_REQUIRED);
        ScanStatus status = inconsistent ? ScanStatus.INCONSISTENT : r.status();
        Optional<Failure> failure = inconsistent ? Optional.of(Failure.of(FailureKind.INCONSISTENT_EVIDENCE,
                found.get(0) + (found.size() > 1 ? "; and " + (found.size() - 1) + " more" : ""))) : r.failure();
        return new TargetResult(r.target(), r.address(), status, failure, r.protocols(), r.refusals(), r.groups(),
                r.certificateChain(), r.ocspStapled(), notes, r.profileHellos(), r.connections(), r.elapsedMillis(),
                found);
    }

    /**
     * A profiles-only result: the versions and suites the profiles got, marked incomplete, as nothing was
     * enumerated.
     */
    private static TargetResult ofProfiles(ProfileProbe probe, Target target, Optional<String> address,
            Optional<Failure> engineFailure, long elapsedMillis) {
        Map<ProtocolVersion, List<CipherSuite>> seen = new TreeMap<>();
        probe.observed().values().stream().filter(ProfileOutcome::connects).forEach(o -> {
            List<CipherSuite> suites = seen.computeIfAbsent(o.version().orElseThrow(), v -> new ArrayList<>());
            if (!suites.contains(o.suite().orElseThrow())) {
                suites.add(o.suite().orElseThrow());
            }
        });
        List<ProtocolSupport> protocols = seen.entrySet().stream().map(e -> new ProtocolSupport(e.getKey(),
                e.getValue(), PreferenceOrder.UNKNOWN, false, List.of(), Optional.empty(), false, Optional.empty()))
                .toList();
        Optional<Failure> ending = engineFailure.or(probe::ending);
        ScanStatus status;
        Optional<Failure> failure;
        if (!protocols.isEmpty()) {
            status = ScanStatus.OK;
            failure = engineFailure;
        } else if (ending.isPresent()) {
            status = statusOf(ending.get());
            failure = ending;
        } else {
            status = ScanStatus.REJECTED;
            failure = probe.observed().values().stream().flatMap(o -> o.failure().stream()).findFirst();
        }
        return new TargetResult(target, address, status, failure, protocols, Map.of(), List.of(), List.of(), false,
                List.of("profiles only: versions and suites are those the client profiles negotiated"), Map.of(),
                probe.connections(), elapsedMillis);
    }

    /**
     * @param engineFailure a failure the engine saw for the whole target (DNS, budget exceeded)
     */
    public static TargetResult of(TargetScan scan, Target target, Optional<String> address,
            Optional<Failure> engineFailure, long elapsedMillis) {
        List<VersionEvidence> evidence = scan.evidence().stream()
                .sorted(Comparator.comparing((VersionEvidence e) -> e.version)).toList();
        List<ProtocolSupport> protocols = evidence.stream().filter(e -> !e.accepted.isEmpty())
                .map(VersionEvidence::toSupport).toList();
        Map<ProtocolVersion, Failure> refusals = new TreeMap<>();
        evidence.stream().filter(e -> e.accepted.isEmpty() && !e.rejections.isEmpty())
                .forEach(e -> refusals.put(e.version, e.rejections.get(0)));
        List<String> notes = new ArrayList<>(scan.notes());
        evidence.forEach(e -> notes.addAll(e.notes));
        List<byte[]> chain = evidence.stream().map(e -> e.certificates).filter(c -> !c.isEmpty())
                .reduce((a, b) -> b).orElse(List.of());
        List<NamedGroup> groups = evidence.stream().map(e -> e.groups).filter(g -> !g.isEmpty())
                .reduce((a, b) -> b).orElse(List.of());

        Optional<Failure> ending = engineFailure.or(scan::ending);
        ScanStatus status;
        Optional<Failure> failure;
        if (!protocols.isEmpty()) {
            status = ScanStatus.OK;
            failure = ending;
        } else if (ending.isPresent()) {
            status = statusOf(ending.get());
            failure = ending;
        } else {
            List<Failure> rejections = evidence.stream().flatMap(e -> e.rejections.stream()).toList();
            boolean sni = !rejections.isEmpty() && rejections.stream().allMatch(f -> f.alert()
                    .map(a -> a.code() == UNRECOGNIZED_NAME).orElse(false));
            status = sni ? ScanStatus.SNI_REQUIRED : ScanStatus.REJECTED;
            failure = mostTelling(evidence);
        }
        boolean ocsp = evidence.stream().anyMatch(e -> e.ocspStapled);
        return withLosses(new TargetResult(target, address, status, failure, protocols, refusals, groups, chain, ocsp,
                notes, Map.of(), scan.connections(), elapsedMillis), scan.losses()).withTls13Flight(scan.tls13Flight());
    }

    private static ScanStatus statusOf(Failure f) {
        return switch (f.kind()) {
            case NOT_TLS -> ScanStatus.NOT_TLS;
            case INTERNAL_ERROR -> ScanStatus.ERROR;
            case BUDGET_EXCEEDED -> ScanStatus.BUDGET_EXCEEDED;
            case EXCLUDED -> ScanStatus.EXCLUDED;
            case CONNECT_REFUSED, CONNECT_TIMEOUT, DNS_FAILURE, READ_TIMEOUT, RESET_BEFORE_REPLY,
                    CLOSED_BEFORE_REPLY -> ScanStatus.UNREACHABLE;
            case PRELUDE_TLS_NOT_OFFERED -> ScanStatus.TLS_NOT_OFFERED;
            case PRELUDE_TLS_REFUSED, PRELUDE_UNEXPECTED, PRELUDE_SERVICE_REFUSED, PRELUDE_OTHER_PROTOCOL,
                    PRELUDE_TIMEOUT -> ScanStatus.UNREACHABLE;
            default -> ScanStatus.REJECTED;
        };
    }

    /** The rejection a modern client would meet: the newest version's first one. */
    private static Optional<Failure> mostTelling(List<VersionEvidence> oldestFirst) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            List<Failure> r = oldestFirst.get(i).rejections;
            if (!r.isEmpty()) {
                return Optional.of(r.get(0));
            }
        }
        return Optional.of(Failure.of(FailureKind.READ_TIMEOUT, "no hello was answered"));
    }
}
