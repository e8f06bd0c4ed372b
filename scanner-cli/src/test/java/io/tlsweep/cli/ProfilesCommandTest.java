package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep profiles}: every client with the services whose endpoints it talks to, and one client in full. */
class ProfilesCommandTest {

    private static String row(CliRun r, String id) {
        return Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
    }

    private static List<String> columns(String row) {
        return Arrays.asList(row.trim().split(" +"));
    }

    @Test
    void theListShowsTheServicesOfEachProfile() {
        CliRun r = CliRun.tlsweep("profiles");
        assertThat(r.exit()).isZero();
        assertThat(columns(r.out().lines().findFirst().orElseThrow()))
                .containsExactly("id", "family", "versions", "suites", "services", "name");
        assertThat(columns(row(r, "rdp-win7"))).startsWith("rdp-win7", "schannel", "TLSv1.0", "12", "rdp");
        assertThat(columns(row(r, "odbc18-win2019")))
                .startsWith("odbc18-win2019", "schannel", "TLSv1.0,TLSv1.1,TLSv1.2", "21", "mssql,mssql-strict");
        assertThat(columns(row(r, "win7-schannel"))).startsWith("win7-schannel", "schannel", "SSLv3,TLSv1.0", "12",
                "all", "Windows");
        assertThat(columns(row(r, "chromium")).get(4)).isEqualTo("tls");
        assertThat(r.out()).contains("39 profile(s); `tlsweep profiles ID` shows one with the source of every fact");
    }

    @Test
    void oneProfileShowsItsServicesWithTheirSource() {
        CliRun r = CliRun.tlsweep("profiles", "rdp-win7-kb3080079");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("  services             rdp\n")
                .contains("    R2         KB3080079, Update to add RDS support for TLS 1.1 and TLS 1.2");
    }

    @Test
    void aUserProfileWithAnUnknownServiceIsAUsageErrorNamingFileAndProfile(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("mine.json");
        Files.writeString(mine, """
                {"schema": "tlsweep-profiles/1", "sources": {"A": {"title": "our capture", "url": ""}},
                 "profiles": [{"id": "agent", "name": "our agent", "family": "openssl",
                   "versions": {"value": ["TLSv1.2"], "sources": ["A"], "confidence": "H"},
                   "cipherSuites": {"value": ["0xC02F"], "sources": ["A"], "confidence": "H"},
                   "groups": {"value": ["x25519"], "sources": ["A"], "confidence": "H"},
                   "sni": {"value": true, "sources": ["A"], "confidence": "H"},
                   "services": {"value": ["postgresql"], "sources": ["A"], "confidence": "H"}}]}
                """);
        CliRun r = CliRun.tlsweep("profiles", "--profiles", mine.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("tlsweep profiles: " + mine + ": profile 'agent': services: [0]: 'postgresql' is"
                + " not a service tlsweep knows (tls, smtp");
        assertThat(r.out()).doesNotContain("agent ");
    }
}
