package io.tlsweep.report.drift;

import static io.tlsweep.report.Results.CBC;
import static io.tlsweep.report.Results.GCM;
import static io.tlsweep.report.Results.SHA_B;
import static io.tlsweep.report.Results.endpoint;
import static io.tlsweep.report.Results.readyEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftJsonTest {
    @TempDir
    Path dir;

    static Drift sample() {
        return Drift.between(
                List.of(readyEndpoint("127.0.0.1:8443").build(), readyEndpoint("127.0.0.2:8443").sni("b.test").build(),
                        readyEndpoint("127.0.0.3:8443").build()),
                List.of(readyEndpoint("127.0.0.1:8443").protocol("TLSv1.0", "server", CBC).verdict("legacy-enabled").build(),
                        readyEndpoint("127.0.0.2:8443").sni("b.test").leaf(SHA_B).build(),
                        endpoint("127.0.0.4:8443\u001b[2J<b>").protocol("TLSv1.2", "client", GCM).build()));
    }

    private static byte[] bytes(DriftJson d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        d.write(out);
        return out.toByteArray();
    }

    @Test
    void writesTheDocumentedShape() throws IOException {
        JsonNode j = new ObjectMapper().readTree(bytes(DriftJson.of(sample(), "runs/monday", "runs/tuesday")));

        assertThat(j.get("schema").asText()).isEqualTo("tlsweep-drift/1");
        assertThat(j.get("baseline").asText()).isEqualTo("runs/monday");
        assertThat(j.get("run").asText()).isEqualTo("runs/tuesday");
        assertThat(j.at("/endpoints/baseline").asLong()).isEqualTo(3);
        assertThat(j.at("/endpoints/run").asLong()).isEqualTo(3);
        List<String> fields = new ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("schema", "baseline", "run", "endpoints", "counts", "changes");
        assertThat(j.get("counts").size()).isEqualTo(DriftClass.values().length);
        assertThat(j.at("/counts/legacy-enabled").asLong()).isEqualTo(1);
        assertThat(j.at("/counts/suite-enabled").asLong()).isZero();

        JsonNode legacy = j.at("/changes/1");
        assertThat(legacy.get("class").asText()).isEqualTo("legacy-enabled");
        assertThat(legacy.get("target").asText()).isEqualTo("127.0.0.1:8443");
        assertThat(legacy.get("port").asInt()).isEqualTo(443);
        assertThat(legacy.has("sni")).isFalse();
        assertThat(legacy.get("detail").asText()).isEqualTo("legacy TLSv1.0 enabled");
        assertThat(legacy.has("old")).isFalse();
        assertThat(legacy.get("new").asText()).isEqualTo("TLSv1.0");
        List<String> changeFields = new ArrayList<>();
        j.at("/changes/3").fieldNames().forEachRemaining(changeFields::add);
        assertThat(changeFields).containsExactly("class", "target", "port", "sni", "detail", "old", "new");
        assertThat(j.at("/changes/3/sni").asText()).isEqualTo("b.test");
    }

    @Test
    void roundTrip() throws IOException {
        Drift d = sample();
        DriftJson json = DriftJson.of(d, "a", "b");
        Path file = dir.resolve(DriftJson.FILE);
        json.write(file);

        DriftJson back = DriftJson.read(file);

        assertThat(back).isEqualTo(json);
        assertThat(back.toDrift()).isEqualTo(d);
        assertThat(back.toDrift().counts()).isEqualTo(d.counts());
        assertThat(back.changes().get(back.changes().size() - 1).target()).isEqualTo("127.0.0.4:8443\u001b[2J<b>");
    }

    @Test
    void readingWithACapKeepsTheFirstChangesAndCountsTheRest() throws IOException {
        DriftJson json = DriftJson.of(sample(), "a", "b");

        DriftJson.Head head = DriftJson.read(new ByteArrayInputStream(bytes(json)), 2);

        assertThat(head.changes()).isEqualTo(json.changes().size());
        assertThat(head.drift().changes()).isEqualTo(json.changes().subList(0, 2));
        assertThat(head.more()).isEqualTo(json.changes().size() - 2);
        assertThat(head.drift().counts()).isEqualTo(json.counts());
    }

    @Test
    void unknownFieldsAreSkippedAndAMissingEndpointsBlockIsAllowed() throws IOException {
        String text = "{\"future\":{\"x\":[1,2]},\"schema\":\"tlsweep-drift/1\",\"counts\":{\"appeared\":1},"
                + "\"changes\":[{\"class\":\"appeared\",\"target\":\"127.0.0.1\",\"port\":443,\"detail\":\"d\","
                + "\"extra\":true},null]}";
        DriftJson d = DriftJson.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        assertThat(d.endpoints()).isNull();
        assertThat(d.changes()).hasSize(1);
        assertThat(d.toDrift().count(DriftClass.APPEARED)).isEqualTo(1);
    }

    @Test
    void anotherSchemaOrBrokenJsonIsAnError() {
        assertThatThrownBy(() -> DriftJson.read(in("{\"schema\":\"tlsweep-summary/1\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("tlsweep-drift/1");
        assertThatThrownBy(() -> DriftJson.read(in("[1]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DriftJson.read(in("{\"schema\":\"tlsweep-drift/1\",\"changes\":[{\"class\":"
                + "\"appeared\"}"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> DriftJson.read(in("{\"schema\":\"tlsweep-drift/1\",\"changes\":[{\"class\":"
                + "\"no-such-class\"}]}")).toDrift()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-class");
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
