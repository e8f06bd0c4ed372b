package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo farm's TLS 1.0-only endpoint (a real BoringSSL server) scanned with every built-in client profile: once
 * TLS 1.0/1.1 are off it is left with no version, and every report says the same of each client that loses it.
 */
class LegacyOffMessagesTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(DefaultProfiles.legacyTls10()));

    @TempDir
    Path dir;

    @Test
    void aServerLeftWithNoVersionRefusesAndTheLossTablesAndBreakingRowsAgree(TargetFarm farm) throws IOException {
        CliRun r = CliRun.tlsweep("scan", "--read-timeout", "3000", "-o", dir.toString(),
                farm.target("legacy-tls10").hostPort());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("results.jsonl")).get(0));
        JsonNode loses = line.get("legacyOff").get("loses");
        assertThat(loses.size()).isPositive();
        String html = Files.readString(dir.resolve("report.html"));
        String breaking = html.substring(html.indexOf("id=\"breaking\""), html.indexOf("</table>",
                html.indexOf("id=\"breaking\"")));
        for (JsonNode loss : loses) {
            String id = loss.get("id").asText();
            assertThat(loss.get("after").get("result").asText()).as(id).isEqualTo("server-refuses-version");
            assertThat(loss.get("after").get("failure").asText()).as(id).doesNotContain("read-timeout");
            Matcher cell = Pattern.compile("id=\"legacy-off-message-" + Pattern.quote(id) + "\">([^<]*)<")
                    .matcher(html);
            assertThat(cell.find()).as(id).isTrue();
            assertThat(cell.group(1)).as(id).isNotEmpty().doesNotContain("10060").doesNotContain("endpoints)");
            assertThat(breaking).as(id).contains(cell.group(1) + ": ");
        }
        assertThat(breaking).doesNotContain("expected, not observed").doesNotContain("10060");
        assertThat(r.out()).contains("these clients lose endpoints:").doesNotContain("10060")
                .doesNotContain("timed out");
    }
}
