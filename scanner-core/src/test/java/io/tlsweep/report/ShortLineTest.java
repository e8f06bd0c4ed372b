package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.report.ResultJson.FailureJson;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.WindowsSymptom;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a sweep of a million closed ports wrote 775 bytes per port, the reason and the Windows symptom's words
 * on every line. An endpoint where nothing answered gets a short line (its words are in summary.json once), every
 * reader expands it back, and the reports can leave such endpoints out.
 */
class ShortLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A line as the scan writes it for a port where nothing listens, with Readiness's reason. */
    static ResultJson closed(String address, int port, FailureKind kind, String detail) {
        WindowsSymptom w = WindowsSymptom.of(kind, null);
        return new ResultJson(ResultJson.SCHEMA, address, "argument 1", address, kind == FailureKind.DNS_FAILURE
                ? null : address, port, null, "unreachable", "unreachable", kind.label() + ": " + detail
                + "; Windows clients see " + w.code() + " \"" + w.text() + "\"", List.of(),
                new FailureJson(kind.label(), detail, null, w), List.of(), Map.of(), List.of(), null, null, null,
                null, null, null, List.of(), List.of(), 2, 675, null, null, null, null, null, null, null);
    }

    private static String written(ResultJson r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLinesWriter(out).write(r);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<ResultJson> read(String text, List<String> errors) {
        List<ResultJson> results = new ArrayList<>();
        JsonLinesReader.read(new BufferedReader(new StringReader(text)), "r.jsonl", results::add, errors::add);
        return results;
    }

    @Test
    void aClosedPortJudgedAgainstPoliciesStaysShortWithoutItsNotApplicableVerdicts() {
        ResultJson judged = closed("127.0.0.77", 19999, FailureKind.CONNECT_REFUSED,
                "connection refused by 127.0.0.77:19999").withPolicies(List.of(new PolicyJson("pci-dss-4",
                        PolicyJson.NOT_APPLICABLE, "the scan ended unreachable", List.of(), List.of())));
        String line = written(judged);
        assertThat(line).doesNotContain("policies").contains("\"failure\":\"connect-refused\"");
        ResultJson odd = judged.withPolicies(List.of(new PolicyJson("pci-dss-4", PolicyJson.NOT_COMPLIANT, null,
                List.of(), List.of())));
        assertThat(written(odd)).as("a verdict that says something keeps the full line")
                .contains("\"policies\":[{\"policy\":\"pci-dss-4\",\"verdict\":\"not-compliant\"}]");
    }

    @Test
    void aRefusedPortIsOneShortLineWithoutProseAndReadsBackWhole() throws IOException {
        String line = written(closed("127.0.0.77", 19999, FailureKind.CONNECT_REFUSED,
                "connection refused by 127.0.0.77:19999"));

        assertThat(line).isEqualTo("{\"schema\":\"tlsweep/1\",\"target\":\"127.0.0.77\",\"origin\":\"argument 1\","
                + "\"port\":19999,\"status\":\"unreachable\",\"failure\":\"connect-refused\",\"connections\":2}\n");
        assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThan(150);

        List<String> errors = new ArrayList<>();
        ResultJson back = read(line, errors).get(0);
        assertThat(errors).isEmpty();
        assertThat(back.host()).isEqualTo("127.0.0.77");
        assertThat(back.address()).isEqualTo("127.0.0.77");
        assertThat(back.verdict()).isEqualTo("unreachable");
        assertThat(back.reason()).isEqualTo("connect-refused: connection refused by 127.0.0.77:19999");
        assertThat(back.failure().detail()).isEqualTo("connection refused by 127.0.0.77:19999");
        assertThat(back.failure().windowsSymptom().code()).isEqualTo("10061");
        assertThat(back.connections()).isEqualTo(2);
        assertThat(NoAnswer.test(back)).isTrue();
    }

    @Test
    void aDetailThatSaysMoreIsKeptAndAFailedLookupHasNoAddress() {
        List<String> errors = new ArrayList<>();
        ResultJson timeout = read(written(closed("10.9.9.9", 443, FailureKind.CONNECT_TIMEOUT,
                "no connection to 10.9.9.9:443 within 3000 ms")), errors).get(0);
        ResultJson dns = read(written(closed("nowhere.invalid", 443, FailureKind.DNS_FAILURE,
                "could not resolve nowhere.invalid")), errors).get(0);

        assertThat(errors).isEmpty();
        assertThat(timeout.failure().detail()).isEqualTo("no connection to 10.9.9.9:443 within 3000 ms");
        assertThat(timeout.failure().windowsSymptom().code()).isEqualTo("10060");
        assertThat(dns.address()).isNull();
        assertThat(dns.failure().detail()).isEqualTo("could not resolve nowhere.invalid");
        assertThat(dns.failure().windowsSymptom().code()).isEqualTo("11001");
    }

    @Test
    void anEndpointThatSaidAnythingKeepsItsFullLine() throws IOException {
        ResultJson slow = closed("127.0.0.1", 8443, FailureKind.READ_TIMEOUT,
                "no reply (answer incomplete after 2000 ms: 2 byte(s) received)");
        ResultJson noted = Results.endpoint("127.0.0.1:8444").status("unreachable").verdict("unreachable")
                .reason("r").failure("connect-refused", "connection refused by 127.0.0.9:8444", null,
                        WindowsSymptom.of(FailureKind.CONNECT_REFUSED, null)).note("2 hellos sent again").build();

        assertThat(NoAnswer.test(slow)).as("bytes came back: it answered").isFalse();
        for (ResultJson full : List.of(slow, noted, Results.breaks("127.0.0.1:8445"))) {
            JsonNode n = JSON.readTree(written(full));
            assertThat(n.path("failure").isTextual()).isFalse();
            assertThat(n.has("reason")).isTrue();
        }
        assertThat(NoAnswer.test(noted)).as("nothing answered, but its notes are kept").isTrue();
    }

    @Test
    void aShortLineOfAnUnknownKindIsAnErrorNamingTheLine() {
        List<String> errors = new ArrayList<>();
        read("{\"schema\":\"tlsweep/1\",\"target\":\"a\",\"origin\":\"o\",\"port\":1,\"status\":\"unreachable\","
                + "\"failure\":\"alert\",\"connections\":1}\n", errors);

        assertThat(errors).singleElement().asString().startsWith("r.jsonl:1: not a result line: failure 'alert'");
    }

    @Test
    void onlyAnsweringLeavesThemOutOfTheCsvAndTheTablesButCountsThemAndSaysSo() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        Files.writeString(jsonl, written(closed("127.0.0.77", 1, FailureKind.CONNECT_REFUSED,
                "connection refused by 127.0.0.77:1")) + written(Results.ready("127.0.0.1:8443"))
                + written(closed("127.0.0.77", 2, FailureKind.CONNECT_REFUSED, "connection refused by 127.0.0.77:2")));
        Path all = dir.resolve("all");
        Path answering = dir.resolve("answering");

        ReportSet.rebuild(jsonl, dir.resolve("none.hlog"), all, Hostile.RUN, e -> { },
                io.tlsweep.check.Checks.BUILT_IN, Listing.DEFAULT);
        Tally t = ReportSet.rebuild(jsonl, dir.resolve("none.hlog"), answering, Hostile.RUN, e -> { },
                io.tlsweep.check.Checks.BUILT_IN, new Listing(true, false));

        assertThat(Files.readString(all.resolve("endpoints.csv"))).contains("127.0.0.77,");
        assertThat(Files.readString(answering.resolve("endpoints.csv"))).doesNotContain("127.0.0.77")
                .contains("127.0.0.1:8443");
        assertThat(t.endpoints()).isEqualTo(3);
        assertThat(t.verdict(io.tlsweep.analysis.Verdict.UNREACHABLE)).isEqualTo(2);
        String html = Files.readString(answering.resolve("report.html"));
        assertThat(html).contains("2 endpoints where nothing answered are left out");
        assertThat(html.indexOf("127.0.0.77")).as("no row names them").isEqualTo(-1);
        assertThat(Files.readString(all.resolve("report.html"))).doesNotContain("are left out").contains("127.0.0.77");
        JsonNode summary = JSON.readTree(answering.resolve("summary.json").toFile());
        assertThat(summary.at("/failureKinds/connect-refused/windowsSymptom/code").asText()).isEqualTo("10061");
        assertThat(summary.at("/failureKinds/connect-refused/meaning").asText()).contains("nothing listens");
        assertThat(summary.at("/verdicts/unreachable").asLong()).isEqualTo(2);
    }

    @Test
    void theTableListsAnsweringEndpointsBySeverityAndCountsTheRest() throws IOException {
        Path jsonl = dir.resolve("results.jsonl");
        Files.writeString(jsonl, written(closed("127.0.0.77", 1, FailureKind.CONNECT_REFUSED,
                "connection refused by 127.0.0.77:1")) + written(Results.ready("127.0.0.1:8443"))
                + written(closed("127.0.0.78", 2, FailureKind.READ_TIMEOUT, "no reply within 2000 ms"))
                + written(Results.breaks("127.0.0.2:8444"))
                + written(closed("127.0.0.77", 3, FailureKind.CONNECT_REFUSED, "connection refused by 127.0.0.77:3")));

        String table = table(jsonl, false);
        String full = table(jsonl, true);

        assertThat(table).doesNotContain("127.0.0.77").doesNotContain("127.0.0.78")
                .contains("and 3 endpoints where nothing answered (connect-refused 2, read-timeout 1): --all to list"
                        + " them")
                .contains("totals: breaks-without-legacy 1, ready 1, unreachable 3 (5 endpoints)");
        assertThat(table.indexOf("127.0.0.2:8444")).isLessThan(table.indexOf("127.0.0.1:8443"));
        assertThat(full).doesNotContain("--all to list them").contains("127.0.0.77").contains("127.0.0.78");
        assertThat(full.indexOf("127.0.0.1:8443")).isLessThan(full.indexOf("127.0.0.77"));
    }

    private static String table(Path jsonl, boolean all) throws IOException {
        StringWriter s = new StringWriter();
        VerdictTable.print(new PrintWriter(s), jsonl, all, InputJson.of(0));
        return s.toString();
    }
}
