package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.run.ScanRun;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.OpenConnections;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --per-host} holds for every kind of connection of a run at once: the scan's raw hellos, the client
 * profiles' hellos and the real-stack handshakes (one per accepted version here). Eight endpoints share one
 * server (one address and port, each endpoint with its own SNI name), so their scans, profiles and real
 * handshakes overlap; the server's kernel counts the connections open at once.
 */
class PerHostAcrossConnectionKindsTest {
    private static final int PER_HOST = 2;
    private static final int ENDPOINTS = 8;

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(DefaultProfiles.mixed()));

    @TempDir
    Path dir;

    @Test
    void theServerNeverSeesMoreThanPerHostConnectionsFromScanRealStackAndProfilesTogether(TargetFarm farm)
            throws Exception {
        FarmTarget target = farm.target("mixed-tls10-12");
        OpenConnections open = farm.watchOpenConnections(target.name());
        Path hosts = dir.resolve("hosts.txt");
        Files.write(hosts, IntStream.range(0, ENDPOINTS)
                .mapToObj(i -> target.hostPort() + " sni=endpoint-" + i + ".test").toList());
        CliRun r = CliRun.tlsweep("scan", "-q", "-iL", hosts.toString(), "-o", dir.resolve("out").toString(),
                "--per-host", String.valueOf(PER_HOST), "-c", "64", "--read-timeout", "5000",
                "--confirm-each-version");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("out").resolve(ScanRun.RESULTS))) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(ENDPOINTS);
        long raw = 0;
        long realStack = 0;
        for (JsonNode line : lines) {
            assertThat(line.get("status").asText()).isEqualTo("ok");
            assertThat(line.get("confirmations")).as("a real handshake per accepted version").hasSize(3);
            line.get("confirmations").forEach(c -> assertThat(c.get("outcome").asText()).isEqualTo("agreed"));
            assertThat(line.get("profiles")).isNotEmpty();
            assertThat(line.get("profiles").get(0).get("observed")).as("profile hellos were sent").isNotNull();
            raw += line.get("connections").asLong();
            realStack += line.get("confirmations").size();
        }
        assertThat(open.samples()).as("every connection of the run reached the server and was counted")
                .isEqualTo(raw + realStack);
        assertThat(open.peak()).as("open at once, scan, profiles and real handshakes together")
                .isEqualTo(PER_HOST);
    }
}
