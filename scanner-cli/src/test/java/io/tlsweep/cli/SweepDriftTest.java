package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TlsTargetSpec;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.cert.CertificateSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sweeps of the farm with one target reconfigured in between (TLS 1.0 enabled, a suite removed, the
 * certificate swapped): the sweep's drift and {@code tlsweep diff} report exactly those changes, and
 * {@code --fail-on drift:legacy} exits 1.
 */
class SweepDriftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TlsTargetSpec> SPECS = List.of(DefaultProfiles.mixed(), DefaultProfiles.serverOrdered(),
            DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only());

    @TempDir
    Path dir;

    @Test
    void aReconfiguredTargetShowsExactlyItsChanges() throws Exception {
        try (TargetFarm farm = TargetFarm.start(SPECS)) {
            Path config = SweepRecheckTest.config(dir, farm, "");
            assertThat(SweepRecheckTest.sweep(config, "--fail-on", "drift:legacy")).isZero();
            String first = Files.readString(dir.resolve("out/LATEST")).strip();
            FarmTarget changed = farm.target("order-server");
            farm.restart("order-server", DefaultProfiles.serverOrdered().toBuilder()
                    .addVersion(TlsVersion.TLS1_0)
                    .addCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")
                    .removeCipherSuite("TLS_RSA_WITH_AES_128_GCM_SHA256")
                    .certificate(CertificateSpec.rsa2048().withSubject("swapped.tlsweep.test", "tlsweep farm"))
                    .build());
            int exit = SweepRecheckTest.sweep(config, "--fail-on", "drift:legacy");
            String second = Files.readString(dir.resolve("out/LATEST")).strip();
            assertThat(exit).isEqualTo(ExitCodes.POLICY);

            Path run = dir.resolve("out/runs").resolve(second);
            // BoringSSL enables a range of versions: TLS 1.0 up to 1.2 brings TLS 1.1 back as well
            Set<String> expected = Set.of(
                    "version-enabled " + changed.hostPort() + " TLSv1.0 enabled",
                    "legacy-enabled " + changed.hostPort() + " legacy TLSv1.0 enabled",
                    "version-enabled " + changed.hostPort() + " TLSv1.1 enabled",
                    "legacy-enabled " + changed.hostPort() + " legacy TLSv1.1 enabled",
                    "suite-enabled " + changed.hostPort() + " TLSv1.2: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA added",
                    "suite-disabled " + changed.hostPort() + " TLSv1.2: TLS_RSA_WITH_AES_128_GCM_SHA256 removed",
                    "certificate-changed " + changed.hostPort(),
                    "verdict-changed " + changed.hostPort() + " verdict ready → legacy-enabled",
                    "check-changed " + changed.hostPort() + " fallback-scsv: not-applicable → not-vulnerable: a"
                            + " TLSv1.1 hello with TLS_FALLBACK_SCSV got a fatal inappropriate_fallback alert"
                            + " (TLSv1.2 is accepted)");
            assertThat(changes(run.resolve("drift.json"))).isEqualTo(new TreeSet<>(expected));
            assertThat(Files.readString(run.resolve("report.html"))).contains("id=\"drift-count-legacy-enabled\"");
            assertThat(Files.readString(run.resolve("tlsweep.prom")))
                    .contains("tlsweep_drift{class=\"legacy-enabled\"} 2.0");

            Path diffJson = dir.resolve("diff.json");
            StringWriter out = new StringWriter();
            int diffExit = Tlsweep.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "diff",
                    dir.resolve("out/runs").resolve(first).toString(), run.toString(), "--json", diffJson.toString(),
                    "--fail-on", "drift:legacy");
            assertThat(diffExit).isEqualTo(ExitCodes.POLICY);
            assertThat(changes(diffJson)).isEqualTo(new TreeSet<>(expected));
            assertThat(out.toString()).contains("legacy TLSv1.0 enabled");
        }
    }

    /** "class target detail", the certificate change without its hashes. */
    private static Set<String> changes(Path driftJson) throws Exception {
        Set<String> found = new TreeSet<>();
        for (JsonNode c : JSON.readTree(driftJson.toFile()).get("changes")) {
            String kind = c.get("class").asText();
            found.add(kind + " " + c.get("target").asText()
                    + (kind.equals("certificate-changed") ? "" : " " + c.get("detail").asText()));
        }
        return found;
    }
}
