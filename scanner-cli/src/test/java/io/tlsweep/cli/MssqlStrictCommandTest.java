package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.wire.ClientHelloDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL Server 2022 with Force Strict Encryption, as the farm's scripted SQL Server front plays it (TDS 8.0 strict
 * only: a connection that starts with PRELOGIN is closed): {@code starttls=mssql-strict} scans its TLS exactly, and
 * every connection of the scan, the real-stack check and {@code bench} offers ALPN {@code tds/8.0} (read off each
 * connection's first record by a relay in front of it; {@code bench} with each provider); the endpoint is not the same as TLS from the first byte on
 * that port; only the SQL Server clients that speak strict mode are among its profiles; a PRELOGIN scan of it says to
 * rescan in strict mode; a bad value is its line's error.
 */
class MssqlStrictCommandTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("mssql-2022-strict-only", 16, 0, 1000, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2022-strict-only-tls").build()).strictOnly()));

    @TempDir
    Path dir;

    private static Map<String, JsonNode> lines(Path results) throws IOException {
        Map<String, JsonNode> byOrigin = new HashMap<>();
        for (String line : Files.readAllLines(results)) {
            JsonNode n = new ObjectMapper().readTree(line);
            byOrigin.put(n.get("origin").asText(), n);
        }
        return byOrigin;
    }

    /** The ALPN list of each first record the relay kept; a record that is no ClientHello fails the test. */
    private static List<List<String>> offeredAlpn(FirstRecordRelay relay) {
        List<List<String>> alpn = new ArrayList<>();
        for (byte[] record : relay.firstRecords()) {
            ClientHelloDecoder.Result r = ClientHelloDecoder.decode(record);
            assertThat(r).isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
            alpn.add(((ClientHelloDecoder.Result.Decoded) r).hello().alpn());
        }
        return alpn;
    }

    @Test
    void aStrictOnlyServerIsScannedInStrictModeWithAlpnOnEveryConnection(TargetFarm farm) throws IOException {
        FarmTarget front = farm.target("mssql-2022-strict-only");
        try (FirstRecordRelay relay = new FirstRecordRelay(front.host(), front.port())) {
            Path hosts = dir.resolve("hosts.txt");
            Files.writeString(hosts, relay.hostPort() + " starttls=mssql-strict\n");
            Path out = dir.resolve("out");

            CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "-o", out.toString(),
                    "-iL", hosts.toString());

            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
            JsonNode line = lines(out.resolve("results.jsonl")).get(hosts + ":1");
            assertThat(line.get("status").asText()).isEqualTo("ok");
            ExpectedTls.assertServesInOrder(line, front.tls());
            assertThat(line.get("confirmation").get("outcome").asText()).isEqualTo("agreed");
            assertThat(line.get("prelude").get("protocol").asText()).isEqualTo("mssql-strict");
            assertThat(line.get("prelude").get("tds8-strict").asBoolean()).isTrue();
            assertThat(line.path("checks").has("mssql-encryption")).as("PRELOGIN is not asked in strict mode")
                    .isFalse();
            List<String> profiles = new ArrayList<>();
            line.get("profiles").forEach(p -> profiles.add(p.get("id").asText()));
            assertThat(profiles).as("ODBC Driver 18 speaks strict mode, and the stacks that are clients everywhere")
                    .hasSize(26).contains("odbc18-win2019", "win7-schannel", "java8", "openssl-3")
                    .noneMatch(id -> id.startsWith("snac") || id.startsWith("odbc17") || id.startsWith("sqlclient-")
                            || id.startsWith("rdp-") || id.startsWith("winhttp-") || id.equals("chromium"));

            List<List<String>> alpn = offeredAlpn(relay);
            assertThat(alpn).as("raw hellos, profiles' hellos and the real-stack handshake").hasSizeGreaterThan(20)
                    .allSatisfy(a -> assertThat(a).containsExactly("tds/8.0"));

            for (String provider : List.of("boringssl", "jdk", "bc")) {
                int before = relay.firstRecords().size();
                CliRun bench = CliRun.tlsweep("bench", relay.hostPort(), "--starttls", "mssql-strict", "--provider",
                        provider, "--count", "3", "--duration", "5", "--warmup", "0", "-c", "1");
                assertThat(bench.exit()).as(provider + ": " + bench.err()).isEqualTo(ExitCodes.OK);
                assertThat(bench.out()).contains(relay.hostPort() + " (mssql-strict) ").contains(" 0 failed");
                assertThat(offeredAlpn(relay).subList(before, relay.firstRecords().size())).as(provider)
                        .hasSizeGreaterThanOrEqualTo(3).allSatisfy(a -> assertThat(a).containsExactly("tds/8.0"));
            }
        }
    }

    @Test
    void aPreloginScanOfAStrictOnlyServerSaysToRescanInStrictMode(TargetFarm farm) throws IOException {
        FarmTarget front = farm.target("mssql-2022-strict-only");
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "--no-profiles",
                "--starttls", "mssql", "-o", out.toString(), front.hostPort());

        JsonNode line = lines(out.resolve("results.jsonl")).get("argument 1");
        assertThat(line.get("status").asText()).as(r.err()).isEqualTo("unreachable");
        assertThat(line.get("protocols")).as("no TLS reached through PRELOGIN").isEmpty();
        JsonNode check = line.path("checks").path("mssql-encryption");
        assertThat(check.path("part").path("tds8-strict").path("served").asBoolean()).isTrue();
        assertThat(check.path("summary").asText()).startsWith("ENCRYPT_OFF unanswered (")
                .endsWith("; TDS 8.0 strict served (TLSv1.2, ALPN tds/8.0); strict only: rescan with"
                        + " starttls=mssql-strict");
        assertThat(Files.readString(out.resolve("endpoints.csv"))).contains("rescan with starttls=mssql-strict");
    }

    @Test
    void strictModeIsItsOwnEndpointBesideTlsFromTheFirstByteAndABadValueIsItsLinesError(TargetFarm farm)
            throws IOException {
        FarmTarget front = farm.target("mssql-2022-strict-only");
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, front.hostPort() + "\n" + front.hostPort() + " starttls=none\n" + front.hostPort()
                + " starttls=mssql-strictly\n" + front.hostPort() + " starttls=MSSQL-Strict\n");
        Path out = dir.resolve("out");

        CliRun r = CliRun.tlsweep("scan", "-q", "--read-timeout", "3000", "--rate", "0", "--no-profiles",
                "--starttls", "mssql-strict", "-o", out.toString(), "-iL", hosts.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(hosts + ":3: starttls=mssql-strictly: unknown protocol 'mssql-strictly' (")
                .contains("mssql, mssql-strict, ");
        Map<String, JsonNode> lines = lines(out.resolve("results.jsonl"));
        assertThat(lines).as("--starttls covers line 1; line 2 is TLS from the first byte, another endpoint; line 4"
                + " is line 1's endpoint again").containsOnlyKeys(hosts + ":1", hosts + ":2");
        JsonNode strict = lines.get(hosts + ":1");
        assertThat(strict.get("prelude").get("protocol").asText()).isEqualTo("mssql-strict");
        ExpectedTls.assertServesInOrder(strict, front.tls());
        JsonNode direct = lines.get(hosts + ":2");
        assertThat(direct.has("prelude")).isFalse();
        ExpectedTls.assertServesInOrder(direct, front.tls());
    }
}
