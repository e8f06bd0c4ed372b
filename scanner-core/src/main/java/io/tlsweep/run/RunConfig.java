package io.tlsweep.run;

import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.check.Checks;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.policy.Policy;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.scan.PreludeSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a run does for every target, settled before it starts: the commands ({@code scan}, {@code demo},
 * {@code sweep}) parse their options or file into one of these and hand it to {@link ScanRun}.
 *
 * @param engine the engine's limits: timeouts, global and per-host caps, rate, scope
 * @param options what is probed: versions, suites, order, groups
 * @param clients the client profiles sent, predicted and confirmed
 * @param certificates how served chains are validated
 * @param realStackCheck confirm each endpoint with one real TLS handshake (and take the TLS 1.3 chain from it)
 * @param confirmEachVersion one real handshake per accepted version, not only the best
 * @param failOn the conditions that make the run's exit code 1
 * @param journal when resuming: the targets already in results.jsonl, which are skipped, and results are
 *     appended to the file instead of replacing it
 * @param baseline when re-checking: the baseline run's lines; targets with one are re-checked, the others (and
 *     the changed) scanned in full
 * @param legacyWatch with a baseline: one more hello watching for an older version coming back
 * @param outputDir where results.jsonl and latency.hlog are written
 * @param preludes what a target says before TLS when its line says nothing ({@code --starttls}), and the client's
 *     name in it ({@code --client-name}); the targets carry what their lines resolved to
 * @param checks the registry the run's checks come from ({@link Checks#BUILT_IN} but in tests); which of its
 *     optional checks run is the {@code options}' selection
 * @param policies the policies every endpoint is judged against ({@code --policy}); their results go in its line
 */
public record RunConfig(EngineConfig engine, ScanOptions options, ProfileSettings clients, ChainPolicy certificates,
        boolean realStackCheck, boolean confirmEachVersion, List<FailOn> failOn, Optional<Journal> journal,
        Optional<BaselineIndex> baseline, boolean legacyWatch, Path outputDir, PreludeSettings preludes,
        Checks checks, List<Policy> policies) {

    public RunConfig {
        policies = List.copyOf(policies);
        failOn = List.copyOf(failOn);
        java.util.Objects.requireNonNull(preludes, "preludes");
        java.util.Objects.requireNonNull(checks, "checks");
    }

    /** A full run into {@code outputDir}: real-stack check on, nothing resumed or re-checked, no fail-on condition. */
    public static RunConfig of(EngineConfig engine, ScanOptions options, ProfileSettings clients,
            ChainPolicy certificates, Path outputDir) {
        return new RunConfig(engine, options, clients, certificates, true, false, List.of(), Optional.empty(),
                Optional.empty(), false, outputDir, PreludeSettings.DEFAULT, Checks.BUILT_IN, List.of());
    }

    public RunConfig confirmEachVersion(boolean on) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, on, failOn, journal, baseline,
                legacyWatch, outputDir, preludes, checks, policies);
    }

    public RunConfig realStackCheck(boolean on) {
        return new RunConfig(engine, options, clients, certificates, on, confirmEachVersion, failOn, journal,
                baseline, legacyWatch, outputDir, preludes, checks, policies);
    }

    public RunConfig failOn(List<FailOn> conditions) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, conditions,
                journal, baseline, legacyWatch, outputDir, preludes, checks, policies);
    }

    /** With {@code settings} for what is said before TLS. */
    public RunConfig preludes(PreludeSettings settings) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                journal, baseline, legacyWatch, outputDir, settings, checks, policies);
    }

    /** With the checks of {@code registry} (a test's own registry). */
    public RunConfig checks(Checks registry) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                journal, baseline, legacyWatch, outputDir, preludes, registry, policies);
    }

    /** Finish the run {@code finished} holds: its targets are skipped, results appended. */
    public RunConfig resume(Journal finished) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                Optional.of(finished), baseline, legacyWatch, outputDir, preludes, checks, policies);
    }

    /** Re-check every target with a line in {@code index}; scan the others (and the changed) in full. */
    public RunConfig recheck(BaselineIndex index, boolean watchLegacy) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                journal, Optional.of(index), watchLegacy, outputDir, preludes, checks, policies);
    }

    /** Judging every endpoint against {@code chosen} (none: no {@code policies} in the lines). */
    public RunConfig policies(List<Policy> chosen) {
        return new RunConfig(engine, options, clients, certificates, realStackCheck, confirmEachVersion, failOn,
                journal, baseline, legacyWatch, outputDir, preludes, checks, chosen);
    }
}
