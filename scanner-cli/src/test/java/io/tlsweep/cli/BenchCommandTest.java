package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep bench} end to end against the farm (short runs: correctness, not speed). */
class BenchCommandTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(DefaultProfiles.modernTls12And13(),
            DefaultProfiles.serverOrdered()));

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        CliRun r = CliRun.tlsweep(args);
        return new String[] {String.valueOf(r.exit()), r.out(), r.err()};
    }

    @Test
    void aShortBenchWritesItsCountsPercentilesAndHistogramLog(TargetFarm farm) throws Exception {
        String[] r = run("bench", farm.target("modern-tls12-13").hostPort(), "--duration", "1", "--warmup", "0",
                "-c", "2", "-o", dir.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("handshakes/s").contains("p99");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        assertThat(json.get("handshakes").asLong()).isPositive();
        assertThat(json.get("failed").asLong()).isZero();
        assertThat(json.get("latencyMicros").get("p50").asLong())
                .isLessThanOrEqualTo(json.get("latencyMicros").get("max").asLong());
        assertThat(dir.resolve("bench.hlog")).isNotEmptyFile();
    }

    @Test
    void theMatrixBenchmarksEverySuiteTheScanFound(TargetFarm farm) {
        String[] r = run("bench", farm.target("order-server").hostPort(), "--matrix", "--duration", "0.3", "-c", "1");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        for (var suite : farm.target("order-server").tls().perVersion().get(0).suites()) {
            assertThat(r[1]).contains(suite.ianaName());
        }
    }

    @Test
    void theBenchAndTheMatrixScanKeepToConcurrencyConnectionsAtOnce(TargetFarm farm) {
        io.tlsweep.targets.OpenConnections open = farm.watchOpenConnections("modern-tls12-13");
        String[] r = run("bench", farm.target("modern-tls12-13").hostPort(), "--duration", "1", "--warmup", "0",
                "-c", "3");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(open.peak()).isEqualTo(3);
        io.tlsweep.targets.OpenConnections matrixOpen = farm.watchOpenConnections("order-server");
        // by count, not by time: each row makes its 25 handshakes however loaded the machine is
        String[] m = run("bench", farm.target("order-server").hostPort(), "--matrix", "--duration", "60", "--count",
                "25", "-c", "1");
        assertThat(m[0]).as(m[2]).isEqualTo("0");
        assertThat(matrixOpen.samples()).as("the scan's connections and the handshakes").isGreaterThan(50);
        assertThat(matrixOpen.peak()).isEqualTo(1);
    }

    @Test
    void aNameAsTargetIsAUsageError() {
        String[] r = run("bench", "example.invalid:443");
        assertThat(r[0]).isEqualTo(String.valueOf(ExitCodes.USAGE));
        assertThat(r[2]).contains("IP:PORT");
    }
}
