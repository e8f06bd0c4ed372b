package io.tlsweep.run;

import io.tlsweep.analysis.EvidenceJoin;
import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.evidence.EvidenceSummary;
import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.LegacyUseJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.wire.ProtocolVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Joins evidence of use with a finished run: every line of its results.jsonl whose endpoint was scanned gets an
 * {@code evidence} section (replacing one joined before), and the file is replaced in one move, so a run is never
 * left half-joined. The reports are rebuilt from the lines afterwards ({@link RunReports}), as always.
 */
public final class EvidenceAttach {
    private EvidenceAttach() {
    }

    /**
     * Joins {@code summary} with the run in {@code dir}.
     *
     * @param errors the lines that are not results (left out of the rewritten file, as every reader of it does)
     * @return how many endpoints got each verdict
     */
    public static Map<LegacyUse.Verdict, Long> attach(Path dir, EvidenceSummary summary, Consumer<String> errors)
            throws IOException {
        Path results = dir.resolve(ScanRun.RESULTS);
        if (!Files.isRegularFile(results)) {
            throw new IOException(dir + " holds no " + ScanRun.RESULTS + ": not a run directory");
        }
        EvidenceJoin join = new EvidenceJoin(summary);
        Map<LegacyUse.Verdict, Long> counts = new EnumMap<>(LegacyUse.Verdict.class);
        Path tmp = Files.createTempFile(dir, "." + ScanRun.RESULTS, ".joining");
        try {
            try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8);
                    OutputStream raw = Files.newOutputStream(tmp);
                    JsonLinesWriter out = new JsonLinesWriter(raw)) {
                JsonLinesReader.read(in, results.toString(), r -> {
                    Optional<LegacyUse> use = use(join, r);
                    use.ifPresent(u -> counts.merge(u.verdict(), 1L, Long::sum));
                    out.write(r.withEvidence(use.map(LegacyUseJson::of).orElse(null)));
                }, errors);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            Files.move(tmp, results, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
        return counts;
    }

    /** The endpoint's use of its legacy versions; none for an endpoint that was not scanned (unreachable...). */
    static Optional<LegacyUse> use(EvidenceJoin join, ResultJson r) {
        if (!ScanStatus.OK.label().equals(r.status()) || r.protocols() == null) {
            return Optional.empty();
        }
        List<ProtocolVersion> accepted = r.protocols().stream().filter(Objects::nonNull)
                .map(p -> ProtocolVersion.parse(String.valueOf(p.version()))).flatMap(Optional::stream).toList();
        String host = r.host() != null ? r.host() : r.address() != null ? r.address() : "";
        return Optional.of(join.legacyUse(host, Optional.ofNullable(r.address()), r.port(),
                Optional.ofNullable(r.sni()), accepted));
    }
}
