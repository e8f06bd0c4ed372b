package io.tlsweep.cli;

import io.tlsweep.run.ExpectedShards;
import io.tlsweep.run.MergeMarker;
import io.tlsweep.run.ScanRun;
import io.tlsweep.run.ShardMerge;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tlsweep merge}: the output directories of shard scans combined into one run, written into a
 * temporary directory beside OUT and renamed into place, so OUT is either absent or complete however many
 * merges run at once.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Combine the output directories of shard scans (scan --shard/--shards) into one run:"
                + " results.jsonl (one line per endpoint, its last, sorted by target, port, SNI and origin),"
                + " latency.hlog (the histograms of each tag added up exactly), input.json (the duplicates each"
                + " shard dropped, added up) and the reports, as 'tlsweep report' writes them.",
        footer = {"", "The shards must be disjoint: an endpoint found in two directories is an error. A line that"
                + " is not a result (say, a truncated last line of a scan that was killed) is reported with its"
                + " file and line and left out.",
            "", "OUT is written in a temporary directory beside it and renamed into place, so it is complete or"
                + " absent; when OUT is already a complete merge, merge says so and does nothing.",
            "", "Exit codes: 0 merged, already merged, or (with --expect) still waiting for shards;"
                + " 2 usage or input error (overlapping shards; with lines left out, the rest is merged);"
                + " 3 runtime failure.",
            "", "Examples:",
            "  tlsweep merge -o merged shard-0 shard-1 shard-2 shard-3",
            "  tlsweep merge --expect 4 -o runs/$RUN_ID/merged runs/$RUN_ID/shard-*",
            "      (as every pod of a Kubernetes Indexed Job runs it after its scan:",
            "      all but the last to finish print 'waiting for shards', the last merges)"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "OUT", required = true, converter = OutputDir.Converter.class,
            description = "The merged run's directory; must not exist yet, or be empty, or be a complete merge.")
    private Path outputDir;

    @Option(names = "--expect", paramLabel = "N", description = "Merge only when the directories hold all N"
            + " shards 0..N-1 of one sweep, each once, each with a complete shard.json; until then print"
            + " 'waiting for shards' and exit 0 without writing anything. Directories that are not complete"
            + " shards are then left out.")
    private Integer expect;

    @Option(names = "--baseline", paramLabel = "RUN", description = "Compare the merged run with this earlier run"
            + " (a directory with results.jsonl): drift.json, drift.txt, the report's changes section and the"
            + " tlsweep_drift metrics.")
    private Path baseline;

    @Option(names = "--baseline-from", paramLabel = "ROOT", description = "As --baseline, with the newest complete"
            + " merged run found under ROOT (ROOT/*/merge.json or ROOT/*/merged/merge.json) other than OUT: for"
            + " nightly Jobs that write ROOT/<run>/merged.")
    private Path baselineRoot;

    @Option(names = {"-q", "--quiet"}, description = "No table on stdout, no summary on stderr.")
    private boolean quiet;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Output directories of scans"
            + " (each holding results.jsonl, and latency.hlog when there is one).")
    private List<Path> dirs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> errors = e -> err.println("tlsweep merge: " + e);
        Instant begun = Instant.now();
        if (MergeMarker.isComplete(outputDir)) {
            err.println("tlsweep merge: " + outputDir + " is already merged; nothing to do");
            return ExitCodes.OK;
        }
        if (expect != null && expect < 1) {
            err.println("tlsweep merge: --expect " + expect + ": need at least 1 shard");
            return ExitCodes.USAGE;
        }
        if (Files.exists(outputDir) && !ShardMerge.isEmptyDirectory(outputDir)) {
            err.println("tlsweep merge: " + outputDir + " exists and is not a merged run (no " + MergeMarker.FILE
                    + "); remove it or choose another -o");
            return ExitCodes.USAGE;
        }
        List<Path> inputs = dirs;
        if (expect != null) {
            ExpectedShards shards = ExpectedShards.of(dirs, expect, errors);
            if (shards instanceof ExpectedShards.Refused) {
                return ExitCodes.USAGE;
            }
            if (shards instanceof ExpectedShards.Waiting waiting) {
                err.println(waiting.message());
                return ExitCodes.OK;
            }
            ExpectedShards.Complete complete = (ExpectedShards.Complete) shards;
            if (!quiet) {
                complete.others().forEach(d -> err.println("tlsweep merge: " + d + " is not a complete shard; left"
                        + " out"));
            }
            inputs = complete.dirs();
        }
        for (Path dir : inputs) {
            if (!Files.isRegularFile(dir.resolve(ScanRun.RESULTS))) {
                err.println("tlsweep merge: no " + ScanRun.RESULTS + " in " + dir);
                return ExitCodes.USAGE;
            }
        }
        ShardMerge merge = new ShardMerge(inputs, outputDir, expect);
        List<String> overlaps = merge.index(errors);
        if (!overlaps.isEmpty()) {
            overlaps.forEach(errors);
            err.println("tlsweep merge: the shards overlap (they must be disjoint: the same input, shards 0..N-1"
                    + " of one N); nothing written");
            return ExitCodes.USAGE;
        }
        boolean placed = merge.write(Optional.ofNullable(baseline), Optional.ofNullable(baselineRoot),
                Tlsweep.runInfo(spec, begun), quiet ? Optional.empty() : Optional.of(spec.commandLine().getOut()),
                quiet ? note -> { } : errors, errors);
        if (!placed) {
            err.println("tlsweep merge: " + outputDir + " was merged meanwhile by another process; nothing to do");
            return ExitCodes.OK;
        }
        if (!quiet) {
            err.printf("tlsweep: merged %d target(s) from %d director%s into %s%s%s%n", merge.targets(),
                    inputs.size(), inputs.size() == 1 ? "y" : "ies", outputDir,
                    merge.skipped() == 0 ? "" : "; " + merge.skipped() + " line(s) left out",
                    merge.superseded() == 0 ? "" : "; " + merge.superseded() + " line(s) replaced by a later"
                            + " line of the same endpoint (the last counts)");
        }
        return merge.skipped() == 0 ? ExitCodes.OK : ExitCodes.USAGE;
    }
}
