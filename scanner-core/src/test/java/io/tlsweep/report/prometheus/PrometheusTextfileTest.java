package io.tlsweep.report.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.metrics.ScanMetrics;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultJson.FailureJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.testing.PlantedJson;
import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textfile is read back with the Prometheus project's own parser (the Python client's
 * {@code text_string_to_metric_families}, Debian's python3-prometheus-client, which scripts/test-deps.sh
 * installs), and checked with {@code promtool check metrics} when promtool is installed.
 */
class PrometheusTextfileTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String PARSE = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            with open(sys.argv[1], encoding='utf-8') as f:
                text = f.read()
            families = []
            for family in text_string_to_metric_families(text):
                families.append({'name': family.name, 'type': family.type, 'help': family.documentation,
                                 'samples': [{'name': s.name, 'labels': s.labels, 'value': s.value}
                                             for s in family.samples]})
            json.dump(families, sys.stdout)
            """;
    private static final Instant START = Instant.ofEpochSecond(1_767_225_600, 250_000_000);
    private static final Duration DURATION = Duration.ofMillis(93_250);

    /** Time to first reply recorded per (offered version, outcome), microseconds. */
    private static final long[] TLS12_ALERT = Stream.iterate(1L, i -> i + 1).limit(1000).mapToLong(i -> i * 250)
            .toArray();
    private static final long[] TLS12_NOT_TLS = Stream.iterate(1L, i -> i + 1).limit(200)
            .mapToLong(i -> 400_000 + i * 1_000).toArray();
    private static final long[] TLS13_ALERT = Stream.iterate(1L, i -> i + 1).limit(50).mapToLong(i -> 3_000 + i * 10)
            .toArray();

    @Test
    @PlantedJson("results.jsonl") // a line of another schema version, which the textfile must skip
    void theTextfileParsesWithThePrometheusParserToTheRunsNumbers(@TempDir Path dir) throws Exception {
        writeResults(dir);
        writeLatencyLog(dir);
        Map<String, Long> drift = new LinkedHashMap<>();
        drift.put("appeared", 3L);
        drift.put("disappeared", 1L);
        drift.put("version-enabled", 0L);
        drift.put("legacy-enabled", 2L);
        drift.put("certificate-changed", 5L);
        drift.put("verdict-changed", 4L);

        RunMetrics metrics = RunMetrics.of(dir, "nightly-29467", "2/4", START, DURATION, Optional.of(drift));
        Path prom = dir.resolve(PrometheusTextfile.FILE_NAME);
        PrometheusTextfile.write(metrics, prom);

        Families f = parse(prom);
        assertThat(f.names()).containsExactlyInAnyOrder("tlsweep_run_info", "tlsweep_sweep_start_time_seconds",
                "tlsweep_sweep_duration_seconds", "tlsweep_endpoints_scanned", "tlsweep_connections",
                "tlsweep_result_lines_unreadable", "tlsweep_endpoints", "tlsweep_endpoints_accepting",
                "tlsweep_failures", "tlsweep_drift", "tlsweep_first_reply_seconds");
        f.all().forEach(family -> assertThat(family.path("help").asText()).as(family.path("name").asText())
                .isNotBlank());

        assertThat(f.byLabel("tlsweep_run_info", "run")).containsOnlyKeys("nightly-29467");
        assertThat(f.byLabel("tlsweep_run_info", "shard")).containsExactly(Map.entry("2/4", 1.0));
        assertThat(f.single("tlsweep_sweep_start_time_seconds")).isEqualTo(1_767_225_600.25);
        assertThat(f.single("tlsweep_sweep_duration_seconds")).isEqualTo(93.25);
        assertThat(f.single("tlsweep_endpoints_scanned")).isEqualTo(7);
        assertThat(f.single("tlsweep_connections")).isEqualTo(7 + 5 + 9 + 6 + 1 + 3 + 1);
        assertThat(f.single("tlsweep_result_lines_unreadable")).isEqualTo(1);

        assertThat(f.byLabel("tlsweep_endpoints", "verdict")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ready", 2.0, "legacy-enabled", 1.0, "breaks-without-legacy", 1.0, "unreachable", 2.0,
                "not-tls", 1.0, "tls-not-offered", 0.0, "no-common-algorithm-risk", 0.0, "inconsistent", 0.0,
                "excluded", 0.0));
        assertThat(f.byLabel("tlsweep_endpoints", "verdict").keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Verdict.values()).map(Verdict::label).toList());
        assertThat(f.byLabel("tlsweep_endpoints_accepting", "version")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SSLv3", 1.0, "TLSv1.0", 2.0, "TLSv1.1", 1.0, "TLSv1.2", 2.0, "TLSv1.3", 2.0));

        Map<String, Double> failures = new HashMap<>();
        for (FailureKind k : FailureKind.values()) {
            failures.put(k.label(), 0.0);
        }
        failures.put("connect-refused", 1.0);
        failures.put("read-timeout", 1.0);
        failures.put("not-tls", 1.0);
        assertThat(f.byLabel("tlsweep_failures", "kind")).containsExactlyInAnyOrderEntriesOf(failures);

        assertThat(f.byLabel("tlsweep_drift", "class")).containsExactlyInAnyOrderEntriesOf(Map.of("appeared", 3.0,
                "disappeared", 1.0, "version-enabled", 0.0, "legacy-enabled", 2.0, "certificate-changed", 5.0,
                "verdict-changed", 4.0));

        JsonNode latency = f.family("tlsweep_first_reply_seconds");
        assertThat(latency.path("type").asText()).isEqualTo("summary");
        // TLS 1.0 hellos were only refused (connect timed, no reply): no first-reply series
        assertThat(f.samples("tlsweep_first_reply_seconds").map(s -> s.path("labels").path("version").asText())
                .distinct()).containsExactly("TLSv1.2", "TLSv1.3");
        assertLatency(f, "TLSv1.2", concat(TLS12_ALERT, TLS12_NOT_TLS));
        assertLatency(f, "TLSv1.3", TLS13_ALERT);
        assertThat(f.samples("tlsweep_first_reply_seconds").map(s -> s.path("name").asText()).distinct())
                .containsExactlyInAnyOrder("tlsweep_first_reply_seconds", "tlsweep_first_reply_seconds_count");

        promtoolAccepts(prom);
        assertThat(PrometheusRegistry.defaultRegistry.scrape().size()).as("the global registry is left alone")
                .isZero();
    }

    @Test
    void withoutLatencyLogOrDriftThoseFamiliesAreLeftOutAndEveryCountIsZero(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(RunMetrics.RESULTS_FILE), "");
        RunMetrics metrics = RunMetrics.of(dir, START, DURATION, Optional.empty());
        assertThat(metrics.run()).isEqualTo(dir.getFileName().toString());
        Path prom = dir.resolve(PrometheusTextfile.FILE_NAME);
        PrometheusTextfile.write(metrics, prom);

        Families f = parse(prom);
        assertThat(f.names()).doesNotContain("tlsweep_drift", "tlsweep_first_reply_seconds")
                .contains("tlsweep_endpoints", "tlsweep_endpoints_accepting", "tlsweep_failures");
        assertThat(f.byLabel("tlsweep_run_info", "shard")).containsOnlyKeys("");
        assertThat(f.byLabel("tlsweep_endpoints", "verdict")).hasSize(Verdict.values().length)
                .allSatisfy((verdict, n) -> assertThat(n).isZero());
        assertThat(f.byLabel("tlsweep_endpoints_accepting", "version")).containsOnlyKeys(RunMetrics.VERSIONS)
                .allSatisfy((version, n) -> assertThat(n).isZero());
        assertThat(f.byLabel("tlsweep_failures", "kind")).hasSize(FailureKind.values().length)
                .allSatisfy((kind, n) -> assertThat(n).isZero());
        assertThat(f.single("tlsweep_endpoints_scanned")).isZero();
        promtoolAccepts(prom);
    }

    @Test
    void theFileIsReplacedWholeAndReadableByOthersWithNoTemporaryLeft(@TempDir Path dir) throws Exception {
        Path prom = dir.resolve(PrometheusTextfile.FILE_NAME);
        Files.writeString(prom, "# an older sweep's file\n");
        RunMetrics metrics = RunMetrics.ofResults(List.of(line("127.0.0.1", "ready", 4, null, "TLSv1.3")),
                io.tlsweep.report.Latency.none(), "r", "", START, DURATION, Optional.empty());
        PrometheusTextfile.write(metrics, prom);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PrometheusTextfile.FILE_NAME);
        }
        assertThat(Files.readString(prom)).isEqualTo(PrometheusTextfile.toText(metrics))
                .doesNotContain("older").contains("tlsweep_endpoints{verdict=\"ready\"} 1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prom))).isEqualTo("rw-r--r--");
    }

    private static void assertLatency(Families f, String version, long[] micros) {
        Histogram h = new Histogram(3);
        for (long v : micros) {
            h.recordValue(v);
        }
        Map<String, Double> quantiles = f.samples("tlsweep_first_reply_seconds")
                .filter(s -> s.path("name").asText().equals("tlsweep_first_reply_seconds")
                        && s.path("labels").path("version").asText().equals(version))
                .collect(Collectors.toMap(s -> s.path("labels").path("quantile").asText(),
                        s -> s.path("value").asDouble()));
        assertThat(quantiles).as(version).containsExactlyInAnyOrderEntriesOf(Map.of(
                "0.5", h.getValueAtPercentile(50) / 1e6,
                "0.9", h.getValueAtPercentile(90) / 1e6,
                "0.99", h.getValueAtPercentile(99) / 1e6,
                "0.999", h.getValueAtPercentile(99.9) / 1e6));
        assertThat(f.samples("tlsweep_first_reply_seconds")
                .filter(s -> s.path("name").asText().equals("tlsweep_first_reply_seconds_count")
                        && s.path("labels").path("version").asText().equals(version))
                .map(s -> s.path("value").asDouble())).containsExactly((double) micros.length);
    }

    /** Seven endpoints and one line that is not a result, as a scan of loopback addresses would write them. */
    private static void writeResults(Path dir) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(RunMetrics.RESULTS_FILE));
                JsonLinesWriter json = new JsonLinesWriter(out)) {
            json.write(line("127.0.0.1", "ready", 7, null, "TLSv1.2", "TLSv1.3"));
            json.write(line("127.0.0.2", "ready", 5, null, "TLSv1.3"));
            json.write(line("127.0.0.3", "legacy-enabled", 9, null, "TLSv1.0", "TLSv1.1", "TLSv1.2"));
            json.write(line("127.0.0.4", "breaks-without-legacy", 6, null, "SSLv3", "TLSv1.0"));
            json.write(line("127.0.0.5", "unreachable", 1, "connect-refused"));
            json.write(line("127.0.0.6", "unreachable", 3, "read-timeout"));
            out.write("{\"schema\":\"tlsweep/0\",\"target\":\"127.0.0.8\"}\n".getBytes(StandardCharsets.UTF_8));
            json.write(line("127.0.0.7", "not-tls", 1, "not-tls"));
        }
    }

    private static ResultJson line(String address, String verdict, int connections, String failure,
            String... versions) {
        List<ProtocolJson> protocols = Arrays.stream(versions).map(v -> new ProtocolJson(v,
                List.of(new SuiteJson("0x1301", "TLS_AES_128_GCM_SHA256")), "server", false, List.of("x25519"), null,
                true, null)).toList();
        return new ResultJson(ResultJson.SCHEMA, address, "targets.txt:1", address, address, 443, null,
                failure == null ? "ok" : "unreachable", verdict, "made by hand", List.of(),
                failure == null ? null : new FailureJson(failure, "made by hand", null, null), protocols,
                java.util.Map.of(), List.of(), null, null, null, null, null, null, List.of(), List.of(), connections,
                100, null, null, null, null, null, null, null);
    }

    /** A real ScanMetrics log: TLS 1.2 hellos answered with alerts and with something not TLS, TLS 1.3 alerts. */
    private static void writeLatencyLog(Path dir) throws IOException {
        ScanMetrics metrics = new ScanMetrics();
        for (long micros : TLS12_ALERT) {
            metrics.record(ProtocolVersion.TLSv1_2, new ConnectionOutcome.Replied(
                    new ServerResponse.Alert(2, AlertDescription.HANDSHAKE_FAILURE, true), timings(micros)));
        }
        for (long micros : TLS12_NOT_TLS) {
            metrics.record(ProtocolVersion.TLSv1_2, new ConnectionOutcome.Replied(
                    new ServerResponse.NotTls("http", "an HTTP server", new byte[] {'H'}), timings(micros)));
        }
        for (long micros : TLS13_ALERT) {
            metrics.record(ProtocolVersion.TLSv1_3, new ConnectionOutcome.Replied(
                    new ServerResponse.Alert(2, AlertDescription.PROTOCOL_VERSION, true), timings(micros)));
        }
        for (int i = 0; i < 20; i++) {
            metrics.record(ProtocolVersion.TLSv1_0, new ConnectionOutcome.NoReply(
                    Failure.of(FailureKind.READ_TIMEOUT, "silent"), new Timings(90_000, -1, 5_000_000_000L)));
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(RunMetrics.LATENCY_FILE))) {
            metrics.writeLog(out);
        }
    }

    /** Connected after 50 µs, first reply byte after {@code micros}. */
    private static Timings timings(long micros) {
        return new Timings(50_000, micros * 1000, micros * 1000 + 1000);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The families the Prometheus Python client parses from {@code prom}; fails if that parser is missing. */
    private static Families parse(Path prom) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing; `sh scripts/test-deps.sh` installs it with python3-prometheus-client");
        }
        Result r = run(List.of(PYTHON, "-c", PARSE, prom.toString()), null);
        if (r.exit() != 0 && r.err().contains("No module named 'prometheus_client'")) {
            fail("the Prometheus text parser is missing: `sh scripts/test-deps.sh` installs python3-prometheus-client"
                    + "\n" + r.err());
        }
        assertThat(r.exit()).as("the Prometheus parser rejects %s:%n%s%n%s", prom, r.err(), Files.readString(prom))
                .isZero();
        return new Families(new ObjectMapper().readTree(r.out()));
    }

    /** Runs {@code promtool check metrics} on the file when promtool is on the PATH. */
    private static void promtoolAccepts(Path prom) throws IOException, InterruptedException {
        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "promtool")).filter(Files::isExecutable).findFirst();
        if (promtool.isEmpty()) {
            return;
        }
        Result r = run(List.of(promtool.get().toString(), "check", "metrics"), prom);
        assertThat(r.exit()).as("promtool check metrics:%n%s%s", r.out(), r.err()).isZero();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Path out = Files.createTempFile("prom-out", ".txt");
        Path err = Files.createTempFile("prom-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(command.get(0) + " did not finish within 60 s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Parsed families, as the parser printed them. */
    private record Families(JsonNode json) {
        Stream<JsonNode> all() {
            return java.util.stream.StreamSupport.stream(json.spliterator(), false);
        }

        List<String> names() {
            return all().map(f -> f.path("name").asText()).toList();
        }

        JsonNode family(String name) {
            return all().filter(f -> f.path("name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no family " + name + " in " + names()));
        }

        /** Every sample of a family (a summary's _count ones too), as the parser groups them. */
        Stream<JsonNode> samples(String familyName) {
            return java.util.stream.StreamSupport.stream(family(familyName).path("samples").spliterator(), false);
        }

        double single(String name) {
            List<JsonNode> s = samples(name).toList();
            assertThat(s).as(name).hasSize(1);
            assertThat(s.get(0).path("labels").size()).as(name + " labels").isZero();
            return s.get(0).path("value").asDouble();
        }

        /** The samples of {@code name} by the value of {@code label}. */
        Map<String, Double> byLabel(String name, String label) {
            Map<String, Double> out = new LinkedHashMap<>();
            samples(name).forEach(s -> {
                assertThat(out.put(s.path("labels").path(label).asText(), s.path("value").asDouble()))
                        .as(name + "{" + label + "} twice").isNull();
            });
            return out;
        }
    }
}
