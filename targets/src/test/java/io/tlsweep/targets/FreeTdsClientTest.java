package io.tlsweep.targets;

import static io.tlsweep.targets.TlsVersion.TLS1_0;
import static io.tlsweep.targets.TlsVersion.TLS1_1;
import static io.tlsweep.targets.TlsVersion.TLS1_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreeTDS, a real SQL Server client ({@code tsql} of Debian's freetds-bin, installed by scripts/test-deps.sh),
 * logs in to the scripted TDS front over TLS: its dump ({@code TDSDUMP}) shows the TLS handshake done inside the
 * TDS packets and the LOGINACK read, which proves the framing. Each run is bounded (20 s), its process killed in
 * {@code finally}, its config and dump in a temp dir; it talks to 127.0.0.1 only.
 */
class FreeTdsClientTest {
    private static final long TIMEOUT_SECONDS = 20;

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("tds-2012-req", 11, 0, 2100, TdsTargetSpec.Encryption.REQ, tls("tds-2012-req-tls")),
            TdsTargetSpec.of("tds-2019-off", 15, 0, 2000, TdsTargetSpec.Encryption.OFF, tls("tds-2019-off-tls")),
            TdsTargetSpec.of("tds-2008-notsup", 10, 0, 1600, TdsTargetSpec.Encryption.NOT_SUP,
                    tls("tds-2008-notsup-tls"))));

    private static TlsTargetSpec tls(String name) {
        return TargetSpec.tls(name).stack(TlsStack.BORINGSSL).versions(TLS1_0, TLS1_1, TLS1_2)
                .cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").build();
    }

    @Test
    void freeTdsRequiringEncryptionLogsInOverTlsInsideTdsPackets(TargetFarm farm, @TempDir Path dir)
            throws Exception {
        String dump = login(farm.target("tds-2012-req"), "require", dir);
        assertTrue(dump.contains("handshake succeeded"), "TLS handshake done through the TDS framing:\n" + dump);
        assertLoggedIn(dump, "over TLS");
    }

    @Test
    void freeTdsByDefaultAgainstAServerThatDoesNotForceEncryptionEncryptsTheLoginOnly(TargetFarm farm,
            @TempDir Path dir) throws Exception {
        String dump = login(farm.target("tds-2019-off"), "request", dir);
        assertTrue(dump.contains("handshake succeeded"), "TLS handshake done through the TDS framing:\n" + dump);
        assertLoggedIn(dump, "in the clear after the encrypted login");
    }

    @Test
    void againstAServerWithoutTlsFreeTdsLogsInWithoutIt(TargetFarm farm, @TempDir Path dir) throws Exception {
        String dump = login(farm.target("tds-2008-notsup"), "request", dir);
        assertTrue(!dump.contains("handshake succeeded"), "no TLS at all:\n" + dump);
        assertLoggedIn(dump, "in the clear");
    }

    private static void assertLoggedIn(String dump, String how) {
        assertTrue(dump.contains("got  ad(LOGINACK)") && dump.contains("tds_process_login_tokens() returning"
                + " TDS_SUCCESS"), "LOGINACK read " + how + ", the login accepted:\n" + dump);
    }

    /** Runs tsql against {@code t} with {@code encryption} in a private freetds.conf; returns its dump. */
    private static String login(FarmTarget t, String encryption, Path dir) throws IOException, InterruptedException {
        String tsql = tsql();
        Path conf = Files.writeString(dir.resolve("freetds.conf"), "[global]\n\tencryption = " + encryption + "\n");
        Path dump = dir.resolve("tdsdump.log");
        ProcessBuilder pb = new ProcessBuilder(tsql, "-H", t.host(), "-p", Integer.toString(t.port()), "-U",
                "tlsweep", "-P", "not-a-secret").redirectErrorStream(true)
                .redirectOutput(dir.resolve("tsql.out").toFile());
        pb.environment().put("FREETDSCONF", conf.toString());
        pb.environment().put("TDSDUMP", dump.toString());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        try {
            p.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "tsql did not end within " + TIMEOUT_SECONDS
                    + " s");
            String out = Files.readString(dir.resolve("tsql.out"));
            assertEquals(0, p.exitValue(), "tsql failed:\n" + out);
            return Files.exists(dump) ? Files.readString(dump, StandardCharsets.ISO_8859_1) : "";
        } finally {
            p.destroyForcibly();
        }
    }

    private static String tsql() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(d, "tsql");
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return fail("tsql (FreeTDS) is not on PATH: install Debian's freetds-bin (sh scripts/test-deps.sh)");
    }
}
