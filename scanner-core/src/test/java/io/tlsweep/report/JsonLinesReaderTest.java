package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines fuzzing found that parsed but broke a view: a line that is only {@code null}, a client profile without
 * its prediction (a NullPointerException in endpoints.csv), nulls inside lists. Each is now an error naming
 * the file, the line and the missing field; the whole lines around it still load.
 */
class JsonLinesReaderTest {
    private final List<ResultJson> results = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private void read(String text) {
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), "r.jsonl", results::add, errors::add);
    }

    private static String line(ResultJson r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLinesWriter(out).write(r);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNullLineIsAnError() {
        read(line(Results.ready("a.example:443")) + "null\n");
        assertThat(results).hasSize(1);
        assertThat(errors).containsExactly("r.jsonl:2: not a result line: null");
    }

    @Test
    void aClientProfileWithoutItsPredictionIsAnError() {
        String whole = "{\"schema\":\"tlsweep/1\",\"target\":\"b.example:443\",\"origin\":\"hosts.txt:2\","
                + "\"host\":\"b.example\",\"port\":443,\"status\":\"ok\",\"verdict\":\"ready\",\"reason\":\"fine\","
                + "\"profiles\":[{\"id\":\"java17\",\"name\":\"Java 17\",\"predicted\":{\"result\":\"connects\"}},"
                + "{\"id\":\"win7-schannel\",\"name\":\"Windows 7\"}]}";
        read(line(Results.ready("a.example:443")) + whole + "\n");
        assertThat(results).extracting(ResultJson::target).containsExactly("a.example:443");
        assertThat(errors).containsExactly("r.jsonl:2: not a result line: no profiles[1].predicted");
    }

    @Test
    void missingCoreFieldsAndNullsInListsAreErrors() {
        read("{\"schema\":\"tlsweep/1\",\"target\":\"c.example:443\"}\n"
                + "{\"schema\":\"tlsweep/1\",\"target\":\"d.example:443\",\"origin\":\"-:1\",\"host\":\"d.example\","
                + "\"status\":\"ok\",\"verdict\":\"ready\",\"reason\":\"r\",\"findings\":[null]}\n");
        assertThat(results).isEmpty();
        assertThat(errors).containsExactly("r.jsonl:1: not a result line: no origin",
                "r.jsonl:2: not a result line: no findings[0]");
    }

    @Test
    void linesAsTlsweepWritesThemLoad() {
        read(line(Results.breaks("old.example:443")) + "\n" + line(Results.refused("gone.example:443")));
        assertThat(errors).isEmpty();
        assertThat(results).hasSize(2);
    }
}
