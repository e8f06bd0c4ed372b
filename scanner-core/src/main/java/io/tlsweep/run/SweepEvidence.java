package io.tlsweep.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.report.EvidenceJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sweep's {@code evidence:} section: the server logs and captures each run of the sweep reads and joins with its
 * results before drift is computed, so that every run's lines carry their legacy-in-use / legacy-unused verdicts
 * and drift tells legacy clients that come and go.
 *
 * <pre>
 * evidence:
 *   files: [/var/log/nginx/access.log*, /var/log/mail.log]  # a name may hold * and ? (rotated logs)
 *   format: nginx          # optional: every file in this format (else recognised)
 *   endpoint: mx1:25       # optional: for handshakes whose input names no server endpoint
 *   since: 30d             # optional: only handshakes of the last 30 days (a duration, a date or an instant)
 * </pre>
 *
 * @param files the inputs, relative to the configuration file; a file name may be a glob within its directory
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SweepEvidence(List<String> files, String format, String endpoint, String since) {

    /** The values the command line's options would refuse, refused here with the file and what is wrong. */
    void check(Path file) throws SweepConfig.BadConfig {
        if (files == null || files.isEmpty() || files.stream().anyMatch(f -> f == null || f.isBlank())) {
            throw new SweepConfig.BadConfig(file + ": evidence.files: at least one log or capture, no empty names");
        }
        if (files.contains(EvidenceFiles.STDIN)) {
            throw new SweepConfig.BadConfig(file + ": evidence.files: '-' (standard input) is not for a sweep");
        }
        try {
            EvidenceFiles.format(format);
        } catch (IllegalArgumentException e) {
            throw new SweepConfig.BadConfig(file + ": evidence.format: " + e.getMessage());
        }
        try {
            EvidenceFiles.options(since, endpoint, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new SweepConfig.BadConfig(file + ": evidence: " + e.getMessage());
        }
    }

    /**
     * Reads the inputs (globs expanded now: the files rotated since the last run are the ones there) and joins them
     * with the run in {@code runDir}: its lines gain their evidence, and evidence.json is written beside them.
     *
     * @param notes what could not be read, and the join's counts
     * @return the problems met (files that could not be opened or matched, lines that could not be read)
     */
    public long join(SweepConfig config, Path configFile, Path runDir, Consumer<String> notes) throws IOException {
        List<String> inputs = new ArrayList<>();
        long problems = 0;
        for (String f : files) {
            List<String> found = expand(config.resolve(configFile, f));
            if (found.isEmpty()) {
                notes.accept("evidence: nothing matches " + f);
                problems++;
            }
            inputs.addAll(found);
        }
        EvidenceTally tally = new EvidenceTally(EvidenceFiles.options(since, endpoint, Instant.now()));
        problems += EvidenceFiles.read(inputs, EvidenceFiles.format(format), tally, InputStream.nullInputStream(),
                m -> notes.accept("evidence: " + m));
        EvidenceJson evidence = EvidenceJson.of(tally.summary(), tally.notes());
        evidence.write(runDir.resolve(EvidenceJson.FILE));
        Map<LegacyUse.Verdict, Long> counts = EvidenceAttach.attach(runDir, tally.summary(),
                m -> notes.accept("evidence: " + m));
        notes.accept("evidence: " + evidence.observations() + " handshake(s) from " + inputs.size() + " input(s): "
                + counts.getOrDefault(LegacyUse.Verdict.IN_USE, 0L) + " endpoint(s) legacy-in-use, "
                + counts.getOrDefault(LegacyUse.Verdict.UNUSED, 0L) + " legacy-unused, "
                + counts.getOrDefault(LegacyUse.Verdict.NO_EVIDENCE, 0L) + " no-evidence");
        return problems + evidence.problemCount();
    }

    /** The file, or the files its name's glob matches in its directory, sorted. */
    static List<String> expand(Path p) throws IOException {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0) {
            return List.of(p.toString());
        }
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
            for (Path f : in) {
                if (Files.isRegularFile(f) && glob.matches(f.getFileName())) {
                    out.add(f.toString());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
