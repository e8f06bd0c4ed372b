package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TlsTargetSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly re-check: on an unchanged farm it spends at most (accepted versions + 1) connections per endpoint
 * (+1 with the legacy watch) and carries every baseline line over; a change planted in one endpoint makes that
 * endpoint, and only it, scanned in full.
 */
class SweepRecheckTest {
    private static final List<TlsTargetSpec> SPECS = List.of(DefaultProfiles.legacyTls10(), DefaultProfiles.mixed(),
            DefaultProfiles.strongTls12Ecdsa(), DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only(),
            DefaultProfiles.serverOrdered(), DefaultProfiles.clientOrdered());

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    static int sweep(Path config, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "sweep";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        StringWriter err = new StringWriter();
        int exit = Tlsweep.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        assertThat(exit).as(err.toString()).isIn(ExitCodes.OK, ExitCodes.POLICY);
        return exit;
    }

    static Path config(Path dir, TargetFarm farm, String extra) throws IOException {
        StringBuilder targets = new StringBuilder();
        for (FarmTarget t : farm.targets()) {
            targets.append(t.hostPort()).append('\n');
        }
        Files.writeString(dir.resolve("targets.txt"), targets);
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, "targets: [targets.txt]\noutput: out\nprofiles: none\nrealStackCheck: false\n"
                + "scan: {readTimeoutMs: 2000, perHost: 64}\n" + extra);
        return config;
    }

    /** The latest run's lines by origin (file:line, one per farm target). */
    static Map<String, JsonNode> latest(Path dir) throws IOException {
        Path run = dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
        Map<String, JsonNode> lines = new HashMap<>();
        for (String l : Files.readAllLines(run.resolve("results.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            lines.put(n.get("target").asText(), n);
        }
        return lines;
    }

    @Test
    void anUnchangedFarmCostsAtMostAcceptedVersionsPlusOneConnectionsPerEndpoint() throws IOException {
        try (TargetFarm farm = TargetFarm.start(SPECS)) {
            Path config = config(dir, farm, "recheckLegacy: false\n");
            sweep(config);
            Map<String, JsonNode> baseline = latest(dir);
            sweep(config, "--mode", "recheck");
            Map<String, JsonNode> rechecked = latest(dir);
            assertThat(rechecked.keySet()).isEqualTo(baseline.keySet());
            for (Map.Entry<String, JsonNode> e : rechecked.entrySet()) {
                JsonNode before = baseline.get(e.getKey());
                JsonNode now = e.getValue();
                int versions = before.get("protocols").size();
                assertThat(now.get("connections").asInt()).as(e.getKey()).isLessThanOrEqualTo(versions + 1);
                assertThat(now.get("notes").toString()).as(e.getKey()).contains("unchanged");
                assertThat(now.get("protocols")).isEqualTo(before.get("protocols"));
                assertThat(now.get("verdict")).isEqualTo(before.get("verdict"));
            }
        }
    }

    @Test
    void theLegacyWatchAddsOneHelloAndSeesTls10ComeBack() throws IOException {
        try (TargetFarm farm = TargetFarm.start(SPECS)) {
            Path config = config(dir, farm, "recheckLegacy: true\n");
            sweep(config);
            Map<String, JsonNode> baseline = latest(dir);
            sweep(config, "--mode", "recheck");
            for (Map.Entry<String, JsonNode> e : latest(dir).entrySet()) {
                JsonNode before = baseline.get(e.getKey());
                int versions = before.get("protocols").size();
                // the watch is one hello below the oldest version, so every endpoint above SSL 3.0 has one
                boolean watched = !"SSLv3".equals(before.get("protocols").get(0).get("version").asText());
                assertThat(e.getValue().get("connections").asInt()).as(e.getKey())
                        .isLessThanOrEqualTo(versions + 1 + (watched ? 1 : 0));
            }
            FarmTarget server = farm.target("order-server");
            farm.restart("order-server", DefaultProfiles.serverOrdered().toBuilder()
                    .addVersion(io.tlsweep.targets.TlsVersion.TLS1_0)
                    .addCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").build());
            sweep(config, "--mode", "recheck");
            JsonNode changed = latest(dir).get(server.hostPort());
            assertThat(changed.get("notes").toString()).contains("differed").contains("TLSv1.1 and older");
            assertThat(changed.get("protocols").get(0).get("version").asText()).isEqualTo("TLSv1.0");
        }
    }

    @Test
    void aPlantedSuiteChangeIsFoundAndOnlyThatEndpointIsScannedAgain() throws IOException {
        try (TargetFarm farm = TargetFarm.start(SPECS)) {
            Path config = config(dir, farm, "recheckLegacy: false\n");
            sweep(config);
            FarmTarget mixed = farm.target("mixed-tls10-12");
            farm.restart("mixed-tls10-12", DefaultProfiles.mixed().toBuilder()
                    .addCipherSuite("TLS_RSA_WITH_AES_256_GCM_SHA384").build());
            sweep(config, "--mode", "recheck");
            Map<String, JsonNode> now = latest(dir);
            for (Map.Entry<String, JsonNode> e : now.entrySet()) {
                boolean planted = e.getKey().equals(mixed.hostPort());
                assertThat(e.getValue().get("notes").toString()).as(e.getKey())
                        .contains(planted ? "differed" : "unchanged");
            }
            JsonNode tls12 = now.get(mixed.hostPort()).get("protocols").get(2);
            assertThat(tls12.get("version").asText()).isEqualTo("TLSv1.2");
            assertThat(tls12.get("cipherSuites").toString()).contains("TLS_RSA_WITH_AES_256_GCM_SHA384");
            assertThat(now.get(mixed.hostPort()).get("notes").toString()).contains("TLSv1.2: the")
                    .contains("not accepted"
                    + " before: expected a refusal, got TLSv1.2 TLS_RSA_WITH_AES_256_GCM_SHA384");
        }
    }
}
