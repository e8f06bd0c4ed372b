package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.NginxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What was seen with a real nginx: a nightly re-check after TLS 1.0/1.1 were switched off called the endpoint
 * unchanged and kept claiming both versions, and when they came back the next re-check saw no drift either.
 * Here a real nginx (OpenSSL 3) is swept in full, re-checked unchanged, has TLS 1.0/1.1 switched off (a
 * re-check must report both disabled), is re-checked unchanged again, then has them switched on again (a
 * re-check must report legacy-enabled, and {@code failOn: [drift:legacy]} must exit 1).
 */
class SweepRecheckNginxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ECDHE and plain-RSA suites, CBC and GCM; SECLEVEL=0 lets OpenSSL 3 use them with TLS 1.0/1.1. */
    private static final String CIPHERS = "ssl_ciphers 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:"
            + "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:AES128-GCM-SHA256:AES128-SHA:"
            + "AES256-SHA:@SECLEVEL=0'; ssl_prefer_server_ciphers on;";
    private static final String WITH_LEGACY = "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; " + CIPHERS;
    private static final String WITHOUT_LEGACY = "ssl_protocols TLSv1.2 TLSv1.3; " + CIPHERS;

    @TempDir
    Path dir;

    @Test
    void tls10And11SwitchedOffAndOnAgainAreBothSeenByTheRecheck() throws Exception {
        try (NginxServer nginx = NginxServer.start(WITH_LEGACY)) {
            String target = nginx.hostPort();
            Files.writeString(dir.resolve("targets.txt"), target + "\n");
            Path config = dir.resolve("sweep.yaml");
            Files.writeString(config, "targets: [targets.txt]\noutput: out\nprofiles: none\nrealStackCheck: false\n"
                    + "recheckLegacy: true\nfailOn: [drift:legacy]\nscan: {readTimeoutMs: 5000, perHost: 16}\n");

            assertThat(SweepRecheckTest.sweep(config)).isEqualTo(ExitCodes.OK);
            JsonNode full = SweepRecheckTest.latest(dir).get(target);
            assertThat(versions(full)).as(nginx.logs()).containsExactly("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
            assertThat(full.get("verdict").asText()).isEqualTo("legacy-enabled");

            // unchanged: one hello per accepted version, the added-suites hello, the watch (SSL 3.0, refused)
            assertThat(SweepRecheckTest.sweep(config, "--mode", "recheck")).isEqualTo(ExitCodes.OK);
            JsonNode same = SweepRecheckTest.latest(dir).get(target);
            assertThat(same.get("notes").toString()).contains("unchanged");
            assertThat(same.get("connections").asInt()).isEqualTo(4 + 1 + 1);
            assertThat(changes()).isEmpty();

            nginx.restart(WITHOUT_LEGACY);
            assertThat(SweepRecheckTest.sweep(config, "--mode", "recheck")).isEqualTo(ExitCodes.OK);
            JsonNode off = SweepRecheckTest.latest(dir).get(target);
            assertThat(off.get("notes").toString()).as(nginx.logs()).contains("differed")
                    // OpenSSL refuses a hello for a version it has switched off with a protocol_version alert
                    .contains("TLSv1.0: expected TLSv1.0").contains("TLSv1.1: expected TLSv1.1")
                    .contains("protocol_version");
            assertThat(versions(off)).containsExactly("TLSv1.2", "TLSv1.3");
            assertThat(off.get("verdict").asText()).isEqualTo("ready");
            assertThat(off.get("reason").asText()).doesNotContain("TLSv1.0").doesNotContain("TLSv1.1");
            assertThat(changes()).contains("version-disabled " + target + " TLSv1.0 disabled",
                    "version-disabled " + target + " TLSv1.1 disabled");

            // unchanged again: two versions, the added-suites hello, and the watch (TLS 1.1, refused)
            assertThat(SweepRecheckTest.sweep(config, "--mode", "recheck")).isEqualTo(ExitCodes.OK);
            JsonNode offStill = SweepRecheckTest.latest(dir).get(target);
            // the line carried over says this run's re-check, not the previous run's
            assertThat(offStill.get("notes").toString()).contains("unchanged").doesNotContain("differed");
            assertThat(offStill.get("connections").asInt()).isEqualTo(2 + 1 + 1);
            assertThat(changes()).isEmpty();

            nginx.restart(WITH_LEGACY);
            assertThat(SweepRecheckTest.sweep(config, "--mode", "recheck")).isEqualTo(ExitCodes.POLICY);
            JsonNode on = SweepRecheckTest.latest(dir).get(target);
            assertThat(on.get("notes").toString()).contains("differed").contains("TLSv1.1 and older");
            assertThat(versions(on)).containsExactly("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
            assertThat(changes()).contains("legacy-enabled " + target + " legacy TLSv1.0 enabled",
                    "legacy-enabled " + target + " legacy TLSv1.1 enabled");
        }
    }

    private static List<String> versions(JsonNode line) {
        List<String> v = new ArrayList<>();
        line.get("protocols").forEach(p -> v.add(p.get("version").asText()));
        return v;
    }

    /** "class target detail" of every change in the latest run's drift.json. */
    private Set<String> changes() throws Exception {
        Path run = dir.resolve("out/runs").resolve(Files.readString(dir.resolve("out/LATEST")).strip());
        Set<String> found = new TreeSet<>();
        for (JsonNode c : JSON.readTree(run.resolve("drift.json").toFile()).get("changes")) {
            found.add(c.get("class").asText() + " " + c.get("target").asText() + " " + c.get("detail").asText());
        }
        return found;
    }
}
