package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.report.ReportSet;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tlsweep demo} end to end: the built-in farm yields every verdict, every report is written, and the
 * farm target whose certificate subject carries script markup and a spreadsheet formula comes out
 * neutralised in the CSV and inert in a real browser.
 */
class DemoCommandTest {
    @TempDir
    static Path dir;
    private static int exit;
    private static String stdout;

    @BeforeAll
    static void runDemo() {
        CliRun run = CliRun.tlsweep("demo", "-o", dir.resolve("out").toString(), "--assume-disabled",
                "TLSv1.0,TLSv1.1");
        exit = run.exit();
        stdout = run.out();
    }

    @Test
    void theDemoShowsEveryVerdictAndWritesEveryReport() throws Exception {
        assertThat(exit).isZero();
        Set<String> verdicts = ResultsFile.lines(dir.resolve("out/results.jsonl")).stream()
                .map(line -> line.get("verdict").asText()).collect(Collectors.toSet());
        // every verdict a scan can reach; the farm is all loopback, so none is out of scope ("excluded" is shown
        // by ScopeCommandTest), and every demo target speaks TLS from the first byte, so none is a service that
        // offers no TLS before it ("tls-not-offered" is shown by XrdpScanTest)
        assertThat(verdicts).containsExactlyInAnyOrderElementsOf(Arrays.stream(Verdict.values())
                .filter(v -> v != Verdict.EXCLUDED && v != Verdict.TLS_NOT_OFFERED).map(Verdict::label).toList());
        for (String file : List.of("summary.json", "endpoints.csv", "suites.csv", "report.html", "latency.hlog",
                "cbom.json")) {
            assertThat(dir.resolve("out").resolve(file)).isNotEmptyFile();
        }
        assertThat(stdout).contains("totals:").contains("no-common-algorithm-risk 1");
        // the table lists the endpoints that answered; the closed port is counted under them
        assertThat(stdout).containsPattern("and [0-9]+ endpoints? where nothing answered \\(connect-refused 1[,)]")
                .contains("--all to list them");
        // the farm's one post-quantum target (BoringSSL, X25519MLKEM768 first) and nothing else takes a hybrid group
        assertThat(stdout).contains("endpoints with PQ key exchange: 1 of 31 ");
        String pq = Files.readAllLines(dir.resolve("out/results.jsonl")).stream()
                .filter(l -> l.contains("\"origin\":\"pq-hybrid-tls13\"")).findFirst().orElseThrow();
        assertThat(new ObjectMapper().readTree(pq).at("/checks/post-quantum/part/preference/chosen").asText())
                .isEqualTo("X25519MLKEM768");
        assertThat(Files.readString(dir.resolve("out/results.jsonl")))
                .as("every profile's own hello agrees with its prediction on every farm target, hostile ones too")
                .doesNotContain("profile-prediction-disagrees").contains("\"agrees\":true");
    }

    /**
     * The what-if names exactly the profiles that lose each endpoint: those predicted to connect to the endpoint
     * as scanned and not to the same scan result with TLS 1.0 and 1.1 taken out, computed here from a scan of
     * another copy of the farm.
     */
    @Test
    void aDemoIntoAnEarlierDemosDirectoryReplacesItsResults() throws Exception {
        Path again = Files.createDirectories(dir.resolve("again"));
        for (String file : List.of("results.jsonl", OutputDir.FARM_CA)) {
            Files.copy(dir.resolve("out").resolve(file), again.resolve(file));
        }
        List<String> earlier = Files.readAllLines(again.resolve("results.jsonl"));
        CliRun r = CliRun.tlsweep("demo", "-o", again.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> now = Files.readAllLines(again.resolve("results.jsonl"));
        assertThat(now).as("one line per farm target, from the new farm's ports").hasSameSizeAs(earlier)
                .doesNotContainAnyElementsOf(earlier);
    }

    @Test
    void theWhatIfListsExactlyTheProfilesThatLoseEachEndpoint() throws Exception {
        Map<String, Set<String>> listed = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode r : ResultsFile.lines(dir.resolve("out/results.jsonl"))) {
            Set<String> ids = new java.util.TreeSet<>();
            if (r.has("whatIf")) {
                assertThat(r.get("whatIf").get("disabled").asText()).isEqualTo("TLSv1.0, TLSv1.1");
                r.get("whatIf").get("loses").forEach(l -> ids.add(l.get("id").asText()));
            }
            listed.put(r.get("origin").asText(), ids);
        }
        List<io.tlsweep.profile.ClientProfile> profiles = io.tlsweep.profile.ProfileFile.builtIn().profiles().stream()
                .filter(p -> p.appliesTo("")).toList();
        Map<String, Set<String>> expected = new java.util.HashMap<>();
        for (io.tlsweep.result.TargetResult r : FarmScan.scanDefaultFarm()) {
            io.tlsweep.result.TargetResult without = new io.tlsweep.result.TargetResult(r.target(), r.address(),
                    r.status(), r.failure(), r.protocols().stream().filter(p -> !p.version().equals(
                            io.tlsweep.wire.ProtocolVersion.TLSv1_0) && !p.version().equals(
                            io.tlsweep.wire.ProtocolVersion.TLSv1_1)).toList(), java.util.Map.of(), r.groups(),
                    r.certificateChain(), false, r.notes(), java.util.Map.of(), r.connections(), r.elapsedMillis());
            Set<String> lose = new java.util.TreeSet<>();
            for (io.tlsweep.profile.ClientProfile p : profiles) {
                if (io.tlsweep.analysis.ProfilePrediction.predict(r, p).connects()
                        && !io.tlsweep.analysis.ProfilePrediction.predict(without, p).connects()) {
                    lose.add(p.id());
                }
            }
            expected.put(r.target().origin(), lose);
        }
        // the front dropping four connections in five is inconsistent: nothing is predicted from its answers
        assertThat(listed.remove("flaky-mostly-down")).isEmpty();
        assertThat(listed).isEqualTo(expected);
        assertThat(listed.get("mixed-tls10-12")).contains("win7-schannel", "winhttp-win7-a0",
                "dotnet45-win2012r2", "java7").doesNotContain("win10-schannel", "java17");
        assertThat(listed.get("modern-tls12-13")).isEmpty();
        String html = Files.readString(dir.resolve("out/report.html"));
        assertThat(html).contains("id=\"what-if\"").contains("id=\"legacy-off\"").contains("id=\"profile-matrix\"");
        String header = Files.readAllLines(dir.resolve("out/endpoints.csv")).get(0);
        assertThat(header).contains("win7-schannel").contains("chromium").contains("whatIfLoses");
    }

    @Test
    void certificateFindingsMatchTheFarmCertificates() throws Exception {
        Map<String, Set<String>> certFindings = new java.util.HashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode r : ResultsFile.lines(dir.resolve("out/results.jsonl"))) {
            Set<String> kinds = new java.util.TreeSet<>();
            r.get("findings").forEach(f -> {
                if (f.get("kind").asText().startsWith("cert-")) {
                    kinds.add(f.get("kind").asText());
                }
            });
            certFindings.put(r.get("origin").asText(), kinds);
        }
        assertThat(certFindings.get("cert-expired")).containsExactly("cert-expired");
        assertThat(certFindings.get("cert-not-yet-valid")).containsExactly("cert-not-yet-valid");
        assertThat(certFindings.get("cert-self-signed")).containsExactly("cert-self-signed", "cert-untrusted");
        assertThat(certFindings.get("cert-wrong-name")).containsExactly("cert-name-mismatch");
        assertThat(certFindings.get("cert-rsa1024")).containsExactly("cert-weak-key");
        assertThat(certFindings.get("cert-sha1")).containsExactly("cert-sha1-signature");
        assertThat(certFindings.get("strong-tls12-ecdsa")).isEmpty();
        assertThat(certFindings.get("tls13-only")).as("TLS 1.3: chain from the scan's own flight").isEmpty();
        String tls13 = Files.readAllLines(dir.resolve("out/results.jsonl")).stream()
                .filter(l -> l.contains("\"origin\":\"tls13-only\"")).findFirst().orElseThrow();
        assertThat(tls13).contains("\"certificate\":{").contains("\"validation\":\"trusted")
                .contains("\"confirmation\":{\"outcome\":\"scan-verified\"")
                .contains("\"tls13\":{\"reached\":\"Finished\"");
        assertThat(certFindings.get("mixed-tls10-12")).isEmpty();
    }

    @Test
    void theHostileCertificateSubjectIsNeutralisedInTheCsv() throws Exception {
        CsvMapper csv = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("out/endpoints.csv").toFile())) {
            Map<String, String> hostile = rows.readAll().stream()
                    .filter(r -> r.get("origin").equals("cert-hostile-subject")).findFirst().orElseThrow();
            assertThat(hostile.get("certificateOrganization")).isEqualTo("'" + DefaultProfiles.HOSTILE_O);
            assertThat(hostile.get("certificateCommonName")).isEqualTo(DefaultProfiles.HOSTILE_CN);
        }
    }

    @Test
    void theReportRendersInChromiumWithTheCountsAndNoServerScript() throws Exception {
        HeadlessChromium.require();
        String dom = HeadlessChromium.dumpDom(dir.resolve("out/report.html"), dir);
        assertThat(dom).contains("id=\"count-no-common-algorithm-risk\"").contains("id=\"count-total\"");
        assertThat(dom).containsPattern("id=\"count-total\"[^>]*>\\s*31\\s*<");
        assertThat(dom).containsPattern("id=\"count-inconsistent\"[^>]*>\\s*1\\s*<")
                .contains("<table id=\"inconsistent\">");
        assertThat(dom).doesNotContainIgnoringCase("<script");
        // the certificate subject as RFC 2253 prints it (CN=\<script\>...), escaped once more for HTML
        assertThat(dom).contains("CN=\\&lt;script\\&gt;alert(1)\\&lt;/script\\&gt;")
                .contains("HYPERLINK");
    }

    /** The demo's lines by farm target (origin). */
    private static Map<String, com.fasterxml.jackson.databind.JsonNode> linesByOrigin() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> lines = new java.util.HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("out/results.jsonl"))) {
            com.fasterxml.jackson.databind.JsonNode r = new ObjectMapper().readTree(line);
            lines.put(r.get("origin").asText(), r);
        }
        return lines;
    }

    private static Map<String, Map<String, String>> csvByOrigin() throws Exception {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(dir.resolve("out/endpoints.csv").toFile())) {
            return rows.readAll().stream().collect(Collectors.toMap(r -> r.get("origin"), r -> r));
        }
    }

    @Test
    void certificateProblemsAreMarkedBesideTheVerdictInTheTableTheCsvAndTheHtml() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> lines = linesByOrigin();
        Map<String, Map<String, String>> csv = csvByOrigin();
        String html = Files.readString(dir.resolve("out/report.html"));
        String all = html.substring(html.indexOf("<table id=\"endpoints\">"));
        Map<String, String> marks = Map.of("cert-expired", "expired", "cert-not-yet-valid", "not yet valid",
                "cert-self-signed", "self-signed", "cert-wrong-name", "wrong name", "cert-rsa1024", "weak key",
                "cert-sha1", "SHA-1", "strong-tls12-ecdsa", "", "tls13-only", "", "modern-tls12-13", "");
        for (Map.Entry<String, String> m : marks.entrySet()) {
            String target = lines.get(m.getKey()).get("target").asText();
            assertThat(lines.get(m.getKey()).get("verdict").asText()).as(m.getKey()).isEqualTo("ready");
            String row = stdout.lines().filter(l -> l.startsWith(target + " ")).findFirst().orElseThrow();
            String htmlRow = all.substring(all.indexOf("<td class=\"endpoint\">" + target + "</td>"));
            htmlRow = htmlRow.substring(0, htmlRow.indexOf("</tr>"));
            if (m.getValue().isEmpty()) {
                assertThat(row).as(m.getKey()).doesNotContain("⚠");
                assertThat(csv.get(m.getKey()).get("certificateProblems")).as(m.getKey()).isEmpty();
                assertThat(htmlRow).as(m.getKey()).doesNotContain("cert-mark");
                continue;
            }
            assertThat(row).as(m.getKey()).contains(" ready ").contains("⚠ cert: " + m.getValue() + "; ");
            assertThat(csv.get(m.getKey()).get("certificateProblems")).as(m.getKey()).isEqualTo(m.getValue());
            assertThat(htmlRow).as(m.getKey()).contains("<td class=\"verdict\">ready <span class=\"cert-mark\" title=\"" + m.getValue()
                    + ": ").contains(">⚠ cert: " + m.getValue() + "</span>");
        }
    }

    @Test
    void endpointsThatBreakOrKeepLegacyGetANextStepEverywhere() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> lines = linesByOrigin();
        Map<String, Map<String, String>> csv = csvByOrigin();
        String html = Files.readString(dir.resolve("out/report.html"));
        String todo = html.substring(html.indexOf("<table id=\"what-to-do\">"), html.indexOf("<table id=\"where-set\">"));
        Map<String, String> steps = Map.of("legacy-tls10", "enable TLS 1.2 (and 1.3) with ECDHE AES-GCM suites, then"
                + " switch off TLSv1.0", "mixed-tls10-12", "switch off TLSv1.0, TLSv1.1", "legacy-3des-rc4",
                "enable ECDHE AES-GCM suites for TLS 1.2 (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
        for (Map.Entry<String, String> s : steps.entrySet()) {
            com.fasterxml.jackson.databind.JsonNode line = lines.get(s.getKey());
            assertThat(line.has("nextSteps")).as(s.getKey() + " is " + line.get("verdict")).isTrue();
            assertThat(line.get("nextSteps").get(0).get("step").asText()).as(s.getKey()).isEqualTo(s.getValue());
            assertThat(csv.get(s.getKey()).get("nextStep")).as(s.getKey()).startsWith(s.getValue() + " — where: ");
            assertThat(stdout).as(s.getKey()).contains("  " + line.get("target").asText() + ": " + s.getValue());
            assertThat(todo).as(s.getKey()).contains(">" + line.get("target").asText() + "</td><td>"
                    + line.get("verdict").asText() + "</td><td>" + s.getValue() + "</td>");
        }
        assertThat(lines.get("legacy-3des-rc4").get("nextSteps").get(1).get("step").asText())
                .isEqualTo("remove RC4/3DES suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_RC4_128_SHA");
        assertThat(lines.get("strong-tls12-ecdsa").has("nextSteps")).isFalse();
        assertThat(lines.get("hostile-closed-port").has("nextSteps")).isFalse();
        assertThat(html.indexOf("<h2 id=\"what-to-do-title\">")).as("right after the verdict cards")
                .isGreaterThan(html.indexOf("id=\"count-total\"")).isLessThan(html.indexOf("Protocol versions accepted"));
    }

    /**
     * The demo's cbom.json is CycloneDX 1.6 by the CycloneDX library's own validator; legacy-tls10's one protocol
     * is TLS 1.0 with its three suites, and legacy-3des-rc4's TLS 1.0 lists its RC4 suite with RC4's properties.
     */
    @Test
    void theCbomValidatesAndListsEachEndpointsProtocolsSuitesAndAlgorithms() throws Exception {
        Path file = dir.resolve("out").resolve(ReportSet.CBOM);
        assertThat(new JsonParser().validate(file.toFile(), Version.VERSION_16)).isEmpty();
        Map<String, String> targets = ResultsFile.lines(dir.resolve("out/results.jsonl")).stream()
                .collect(Collectors.toMap(l -> l.get("origin").asText(), l -> l.get("target").asText()));
        CbomFile cbom = CbomFile.read(file);

        JsonNode tls10 = cbom.protocol(targets.get("legacy-tls10"), "1.0");
        assertThat(tls10.at("/protocolProperties/type").asText()).isEqualTo("tls");
        assertThat(tls10.at("/protocolProperties/cipherSuites").findValuesAsText("name")).containsExactlyInAnyOrder(
                "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA");
        assertThat(cbom.usedBy(targets.get("legacy-tls10")).stream()
                .map(c -> c.at("/cryptoProperties/assetType").asText())).containsExactly("protocol", "certificate");

        JsonNode rc4Suite = StreamSupport.stream(cbom.protocol(targets.get("legacy-3des-rc4"), "1.0")
                .at("/protocolProperties/cipherSuites").spliterator(), false)
                .filter(s -> s.get("name").asText().equals("TLS_RSA_WITH_RC4_128_SHA")).findFirst().orElseThrow();
        assertThat(rc4Suite.get("identifiers").toString()).isEqualTo("[\"0x00\",\"0x05\"]");
        JsonNode rc4 = StreamSupport.stream(rc4Suite.get("algorithms").spliterator(), false)
                .map(r -> cbom.component(r.asText())).filter(c -> c.get("name").asText().startsWith("RC4"))
                .findFirst().orElseThrow().at("/cryptoProperties/algorithmProperties");
        assertThat(rc4.get("primitive").asText()).isEqualTo("stream-cipher");
        assertThat(rc4.get("parameterSetIdentifier").asText()).isEqualTo("128");
        assertThat(rc4.get("nistQuantumSecurityLevel").asInt()).isZero();
    }
}
