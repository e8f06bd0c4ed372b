package io.tlsweep.report.prometheus;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a sweep's {@link RunMetrics} in the Prometheus text format for node_exporter's textfile collector.
 * The file is written beside its final name under a name the collector ignores (it reads only
 * {@code *.prom}), synced, made world-readable and then moved over the final name in one atomic rename, so
 * a scrape never sees half a file.
 *
 * <p>Every metric is a gauge of the last sweep (a new file replaces the old one, so nothing here counts up
 * across sweeps), except time to first reply, which is a summary of precomputed quantiles without a sum
 * (the histograms keep no exact sum). Metrics live in a registry made for each write, never in the
 * client's default registry.
 */
public final class PrometheusTextfile {
    /** The conventional name of the file in a run directory or in node_exporter's textfile directory. */
    public static final String FILE_NAME = "tlsweep.prom";

    private static final String WORLD_READABLE = "rw-r--r--";

    private PrometheusTextfile() {
    }

    /** Writes {@code metrics} to {@code promFile} atomically; its directory must exist. */
    public static void write(RunMetrics metrics, Path promFile) throws IOException {
        byte[] text = toBytes(metrics);
        Path file = promFile.toAbsolutePath();
        Path dir = file.getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(temp.toFile())) {
                out.write(text);
                out.getFD().sync();
            }
            // createTempFile makes the file readable by its owner only; node_exporter often runs as another user
            if (Files.getFileAttributeView(temp, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(WORLD_READABLE));
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot replace " + file + " atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code metrics} in the text format to {@code out}, which is flushed, not closed. */
    public static void write(RunMetrics metrics, OutputStream out) throws IOException {
        out.write(toBytes(metrics));
        out.flush();
    }

    /** The text-format exposition of {@code metrics}. */
    public static String toText(RunMetrics metrics) {
        return new String(toBytes(metrics), StandardCharsets.UTF_8);
    }

    private static byte[] toBytes(RunMetrics metrics) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.builder().setIncludeCreatedTimestamps(false).build()
                    .write(out, registry(metrics).scrape());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** A registry of its own holding every family of {@code m}. */
    static PrometheusRegistry registry(RunMetrics m) {
        PrometheusRegistry registry = new PrometheusRegistry();

        Info info = Info.builder().name("tlsweep_run_info")
                .help("The sweep these metrics describe: its run name, and its shard (i/n) or \"\" when whole")
                .labelNames("run", "shard").register(registry);
        info.addLabelValues(m.run(), m.shard());

        gauge(registry, "tlsweep_sweep_start_time_seconds", "Start time of the sweep since the Unix epoch",
                Unit.SECONDS).set(m.start().getEpochSecond() + m.start().getNano() / 1e9);
        gauge(registry, "tlsweep_sweep_duration_seconds", "How long the sweep took", Unit.SECONDS)
                .set(m.duration().toNanos() / 1e9);
        gauge(registry, "tlsweep_endpoints_scanned", "Endpoints scanned (result lines written)", null)
                .set(m.endpoints());
        gauge(registry, "tlsweep_connections", "TCP connections made by the sweep", null).set(m.connections());
        gauge(registry, "tlsweep_result_lines_unreadable",
                "Lines of results.jsonl that were not result lines and were left out of these metrics", null)
                .set(m.unreadableLines());

        labelled(registry, "tlsweep_endpoints", "Endpoints by readiness verdict", "verdict",
                m.endpointsByVerdict());
        labelled(registry, "tlsweep_endpoints_accepting", "Endpoints accepting a protocol version", "version",
                m.endpointsAccepting());
        labelled(registry, "tlsweep_failures", "Endpoints whose scan ended in a failure, by failure kind", "kind",
                m.failuresByKind());
        m.drift().ifPresent(drift -> labelled(registry, "tlsweep_drift",
                "Changes since the previous sweep, by drift class", "class", drift));

        if (!m.firstReply().isEmpty()) {
            List<Map.Entry<String, FirstReplyQuantiles>> series = new ArrayList<>(m.firstReply().entrySet());
            SummaryWithCallback.builder().name("tlsweep_first_reply_seconds")
                    .help("Time from connect start to the first reply byte, per offered version, all outcomes;"
                            + " quantiles from HdrHistogram, no sum")
                    .unit(Unit.SECONDS).labelNames("version")
                    .callback(callback -> series.forEach(e -> callback.call(e.getValue().count(), Double.NaN,
                            quantiles(e.getValue()), e.getKey())))
                    .register(registry);
        }
        return registry;
    }

    private static Quantiles quantiles(FirstReplyQuantiles q) {
        List<Quantile> out = new ArrayList<>();
        List<Double> values = q.values();
        for (int i = 0; i < FirstReplyQuantiles.QUANTILES.size(); i++) {
            out.add(new Quantile(FirstReplyQuantiles.QUANTILES.get(i), values.get(i)));
        }
        return Quantiles.of(out);
    }

    private static Gauge gauge(PrometheusRegistry registry, String name, String help, Unit unit) {
        Gauge.Builder b = Gauge.builder().name(name).help(help).withoutExemplars();
        if (unit != null) {
            b.unit(unit);
        }
        return b.register(registry);
    }

    private static void labelled(PrometheusRegistry registry, String name, String help, String label,
            Map<String, Long> values) {
        Gauge gauge = Gauge.builder().name(name).help(help).labelNames(label).withoutExemplars().register(registry);
        values.forEach((value, count) -> gauge.labelValues(value).set(count));
    }
}
