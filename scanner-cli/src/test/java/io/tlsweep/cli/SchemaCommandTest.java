package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.OutputSchema;
import io.tlsweep.testing.PlantedJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCommandTest {

    @Test
    void listsEverySchemaWithItsFile() {
        CliRun r = CliRun.tlsweep("schema");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        for (OutputSchema s : OutputSchema.values()) {
            assertThat(r.out()).containsPattern("(?m)^" + s.label() + " +" + s.file().replace(".", "\\.") + " ");
        }
    }

    @Test
    void printsOneSchemaAsShipped() throws Exception {
        CliRun r = CliRun.tlsweep("schema", "results");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo(OutputSchema.RESULTS.text());
        assertThat(new ObjectMapper().readTree(r.out()).at("/$defs/full/properties/schema/const").asText())
                .isEqualTo("tlsweep/1");
    }

    @Test
    void anUnknownNameIsAUsageErrorNamingTheKnownOnes() {
        CliRun r = CliRun.tlsweep("schema", "summry");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("unknown schema 'summry'").contains("summary");
    }

    /** The check every other command's run gets: JSON its schema refuses, in the output directory, fails the run. */
    @Test
    @PlantedJson("summary.json") // a summary.json broken on purpose
    void aRunWhoseOutputBreaksItsSchemaFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.json"), "{\"schema\":\"tlsweep-summary/1\",\"totals\":{}}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CliRun.tlsweep("schema", "-o", dir.toString()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("summary.json")
                .hasMessageContaining("required");
    }
}
