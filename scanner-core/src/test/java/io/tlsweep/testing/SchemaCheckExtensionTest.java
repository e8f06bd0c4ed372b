package io.tlsweep.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The check every test of scanner-core, scanner-cli and the benchmarks runs under, shown failing: small test classes
 * (nested, so the build does not run them on their own) are launched with the settings of those modules' poms, and
 * a test that leaves a shard.json its schema refuses in its {@code @TempDir} fails, naming the file and the field.
 */
class SchemaCheckExtensionTest {
    private static final String VALID_SHARD = """
            {"shard": 0, "shards": 2, "complete": true, "targets": 3, "finished": "2026-12-03T10:00:00Z"}""";
    private static final String INVALID_SHARD = """
            {"shard": 0, "shards": 0, "complete": true, "targets": 3, "finished": null, "extra": 1}""";

    static class LeavesValidJson {
        @Test
        void writes(@TempDir Path dir) throws IOException {
            Files.writeString(Files.createDirectories(dir.resolve("shard-0")).resolve("shard.json"), VALID_SHARD);
        }
    }

    static class LeavesInvalidJson {
        @Test
        void writes(@TempDir Path dir) throws IOException {
            Files.writeString(Files.createDirectories(dir.resolve("shard-0")).resolve("shard.json"), INVALID_SHARD);
        }
    }

    static class LeavesInvalidJsonInItsClassDirectory {
        @TempDir
        static Path shared;

        @Test
        void writes() throws IOException {
            Files.writeString(shared.resolve("shard.json"), INVALID_SHARD);
        }
    }

    @PlantedJson("shard.json")
    static class PlantsInvalidJsonAsInput {
        @Test
        void writes(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("shard.json"), INVALID_SHARD);
        }

        @Test
        @PlantedJson("merge.json")
        void writesMore(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("shard.json"), INVALID_SHARD);
            Files.writeString(dir.resolve("merge.json"), "{}");
        }

        @Test
        void writesOutputToo(@TempDir Path dir) throws IOException {
            Files.writeString(dir.resolve("shard.json"), INVALID_SHARD);
            Files.writeString(dir.resolve("merge.json"), "{}");
        }
    }

    private static TestExecutionSummary launch(Class<?> tests) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests))
                .configurationParameters(Map.of("junit.jupiter.extensions.autodetection.enabled", "true",
                        "junit.jupiter.tempdir.factory.default", CheckedTempDirs.class.getName()))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static List<String> failures(TestExecutionSummary summary) {
        return summary.getFailures().stream().map(f -> f.getException().getMessage()).toList();
    }

    @Test
    void aTestWhoseJsonValidatesPasses() {
        TestExecutionSummary s = launch(LeavesValidJson.class);
        assertThat(s.getTestsSucceededCount()).isEqualTo(1);
        assertThat(failures(s)).isEmpty();
    }

    @Test
    void aTestThatLeavesJsonItsSchemaRefusesFailsSayingWhichFileAndWhat() {
        TestExecutionSummary s = launch(LeavesInvalidJson.class);
        assertThat(s.getTestsFailedCount()).isEqualTo(1);
        assertThat(failures(s)).singleElement().asString()
                .contains("writes(Path) left JSON its schema refuses")
                .contains("shard-0/shard.json: ")
                .contains("$.shards")
                .contains("'extra' is not defined");
    }

    @Test
    void aClassDirectoryIsCheckedAfterTheClass() {
        TestExecutionSummary s = launch(LeavesInvalidJsonInItsClassDirectory.class);
        assertThat(s.getTestsSucceededCount()).as("the test itself").isEqualTo(1);
        assertThat(failures(s)).singleElement().asString()
                .contains("LeavesInvalidJsonInItsClassDirectory left JSON its schema refuses")
                .contains("shard.json: ");
    }

    @Test
    void filesATestPlantsAsInputAreLeftAloneAndItsOtherJsonIsStillChecked() {
        TestExecutionSummary s = launch(PlantsInvalidJsonAsInput.class);
        assertThat(s.getTestsSucceededCount()).as("writes, writesMore").isEqualTo(2);
        assertThat(failures(s)).singleElement().asString()
                .contains("writesOutputToo(Path) left JSON its schema refuses")
                .contains("merge.json: ")
                .doesNotContain("shard.json");
    }
}
