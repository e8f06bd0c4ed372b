package io.tlsweep.cli;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.CertificateCheck;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.RunStats;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.target.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One scan into an output directory: results.jsonl streamed as targets finish (nothing scanned is lost if
 * the run stops), the run's HdrHistogram log at the end, and the count of endpoints meeting a
 * {@code --fail-on} condition.
 */
final class ScanRun {
    static final String RESULTS = "results.jsonl";
    static final String HISTOGRAMS = "latency.hlog";

    /** What a finished run reports back to the command. */
    record Outcome(long targets, long connections, long failOnMet, double seconds) {
    }

    private ScanRun() {
    }

    static Outcome run(Iterator<Target> targets, EngineConfig config, ScanOptions options, ChainPolicy certificates,
            Path outputDir, List<FailOn> failOn, Progress progress) throws IOException {
        Files.createDirectories(outputDir);
        AtomicLong done = new AtomicLong();
        AtomicLong met = new AtomicLong();
        long started = System.nanoTime();
        RunStats stats;
        try (OutputStream file = Files.newOutputStream(outputDir.resolve(RESULTS));
                JsonLinesWriter json = new JsonLinesWriter(file);
                TlsScanner scanner = new TlsScanner(config, options)) {
            stats = scanner.scan(targets, r -> {
                Assessment a = Readiness.assess(r);
                json.write(ResultJson.of(r, a, CertificateCheck.of(r, certificates, Instant.now())));
                if (FailOn.anyMet(failOn, a)) {
                    met.incrementAndGet();
                }
                done.incrementAndGet();
                progress.step();
            }).join();
            try (OutputStream hlog = Files.newOutputStream(outputDir.resolve(HISTOGRAMS))) {
                scanner.metrics().writeLog(hlog);
            }
        }
        return new Outcome(done.get(), stats.connections(), met.get(), (System.nanoTime() - started) / 1e9);
    }
}
