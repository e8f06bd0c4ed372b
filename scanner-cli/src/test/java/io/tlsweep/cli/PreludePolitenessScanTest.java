package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.run.ScanRun;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.OpenConnections;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address with an SMTP port and a port where TLS starts on connect, scanned together: without
 * {@code --per-host}, SMTP's own cap (2) holds for the SMTP port while the address's (4) holds for both; with
 * {@code --per-host} given, that value holds for every port alike. The servers' kernels count the connections open
 * at once ({@link OpenConnections}). {@code --rate 0} leaves the rates out, so the scans run at loopback speed.
 */
class PreludePolitenessScanTest {
    private static final int ENDPOINTS = 4;

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.<TargetSpec>of(
            PreludeTargetSpec.smtp("smtp-polite", "tlsweep farm relay", DefaultProfiles.mixed().toBuilder()
                    .name("smtp-polite-tls").build()),
            DefaultProfiles.mixed()));

    @TempDir
    Path dir;

    private long scan(TargetFarm farm, String out, String... options) throws Exception {
        FarmTarget smtp = farm.target("smtp-polite");
        FarmTarget direct = farm.target("mixed-tls10-12");
        assertThat(smtp.host()).as("one address, two ports").isEqualTo(direct.host());
        Path hosts = dir.resolve(out + ".txt");
        List<String> lines = new ArrayList<>();
        IntStream.range(0, ENDPOINTS).forEach(i -> {
            lines.add(smtp.hostPort() + " starttls=smtp sni=mail-" + i + ".test");
            lines.add(direct.hostPort() + " sni=web-" + i + ".test");
        });
        Files.write(hosts, lines);
        List<String> args = new ArrayList<>(List.of("scan", "-q", "--no-profiles", "--rate", "0", "-c", "64",
                "-iL", hosts.toString(), "-o", dir.resolve(out).toString()));
        args.addAll(List.of(options));
        CliRun r = CliRun.tlsweep(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        long connections = 0;
        ObjectMapper json = new ObjectMapper();
        List<String> results = Files.readAllLines(dir.resolve(out).resolve(ScanRun.RESULTS));
        assertThat(results).hasSize(2 * ENDPOINTS);
        for (String line : results) {
            JsonNode n = json.readTree(line);
            assertThat(n.get("status").asText()).as(line).isEqualTo("ok");
            connections += n.get("connections").asLong() + (n.has("confirmation") ? 1 : 0);
        }
        return connections;
    }

    @Test
    void smtpKeepsItsOwnCapOnItsPortWhileTheAddressCapHoldsForBothUnlessPerHostIsGiven(TargetFarm farm)
            throws Exception {
        OpenConnections smtp = farm.watchOpenConnections("smtp-polite");
        OpenConnections direct = farm.watchOpenConnections("mixed-tls10-12");
        long connections = scan(farm, "defaults");
        assertThat(smtp.samples() + direct.samples()).as("every connection was counted").isEqualTo(connections);
        assertThat(smtp.peak()).as("SMTP's own cap").isEqualTo(2);
        assertThat(direct.peak()).as("the address's cap, --per-host's default").isBetween(2, 4);

        scan(farm, "given", "--per-host", "3");
        assertThat(smtp.peak()).as("--per-host 3 given: no cap of SMTP's own").isEqualTo(3);
    }
}
