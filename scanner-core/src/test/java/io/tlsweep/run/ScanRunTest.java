package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.input.Scope;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run driven from core alone, as every command drives it: one immutable configuration in, results.jsonl
 * and latency.hlog out, fail-on conditions counted, and a resumed run skipping what its journal holds.
 * Closed loopback ports: every endpoint is unreachable after exactly 2 connections (first contact).
 */
class ScanRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    private static List<Target> closedPorts(int from, int count) {
        List<Target> targets = new ArrayList<>();
        for (int n = from; n < from + count; n++) {
            String host = "127.9.1." + n;
            targets.add(new Target(host + ":1", host, 1, Optional.empty(), true, "test:" + n));
        }
        return targets;
    }

    private RunConfig config() {
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors(), 30);
        return RunConfig.of(new EngineSettings(1000, 2000, 30, 64, 4, 0).engine(Scope.DEFAULT), ScanOptions.full(),
                ProfileSettings.none(), certificates, dir.resolve("out"));
    }

    @Test
    void aRunWritesOneLinePerTargetTheLatencyLogAndCountsTheFailOnConditionsMet() throws IOException {
        AtomicInteger steps = new AtomicInteger();
        RunOutcome outcome = ScanRun.run(closedPorts(1, 6).iterator(), config().failOn(List.of(FailOn.UNREACHABLE)),
                steps::incrementAndGet, new RunStop());

        assertThat(outcome.stopped()).isEmpty();
        assertThat(outcome.targets()).isEqualTo(6);
        assertThat(steps.get()).isEqualTo(6);
        assertThat(outcome.connections()).isEqualTo(12);
        assertThat(outcome.failOnMet()).isEqualTo(6);
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(ScanRun.RESULTS));
        assertThat(lines).hasSize(6);
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("status").asText()).isEqualTo("unreachable");
            assertThat(n.get("connections").asInt()).isEqualTo(2);
        }
        assertThat(dir.resolve("out").resolve(ScanRun.HISTOGRAMS)).isNotEmptyFile();
    }

    @Test
    void aResumedRunSkipsTheJournalsEndpointsAndAppends() throws IOException {
        ScanRun.run(closedPorts(1, 4).iterator(), config(), () -> { }, new RunStop());
        Path results = dir.resolve("out").resolve(ScanRun.RESULTS);
        Journal journal = Journal.open(results, e -> { });
        assertThat(journal.finishedCount()).isEqualTo(4);

        RunOutcome resumed = ScanRun.run(closedPorts(1, 7).iterator(), config().resume(journal), () -> { },
                new RunStop());

        assertThat(resumed.targets()).isEqualTo(3);
        assertThat(resumed.failOnMet()).as("no fail-on condition given").isZero();
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(7);
        assertThat(lines.stream().map(l -> l.replaceAll(".*\"origin\":\"(test:[0-9]+)\".*", "$1")).distinct())
                .containsExactlyInAnyOrder("test:1", "test:2", "test:3", "test:4", "test:5", "test:6", "test:7");
    }
}
