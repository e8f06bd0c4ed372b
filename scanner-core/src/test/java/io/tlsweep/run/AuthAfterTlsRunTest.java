package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.input.Scope;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run through SMTP's STARTTLS against the farm's SMTP servers in front of a real stack: the real-stack check's
 * one connection asks EHLO again over TLS, and the line's {@code prelude} has the mechanisms offered before TLS and
 * after it: a relay that offers AUTH only over TLS (Postfix's {@code smtpd_tls_auth_only}) has none before, PLAIN
 * and LOGIN after, and no {@code plain-text-auth-before-tls} finding; one that offers them before TLS too has both.
 * Against the farm's scripted LDAP server, the same connection reads the root DSE before StartTLS: its SASL
 * mechanisms (PLAIN among them: the finding) and StartTLS listed. Without the real-stack check nothing more is
 * asked: the scan's own connections say StartTLS alone.
 */
class AuthAfterTlsRunTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.<TargetSpec>of(
            PreludeTargetSpec.smtp("run-auth-tls-only", "auth tls only", DefaultProfiles.modernTls12And13()
                    .toBuilder().name("run-auth-tls-only-tls").build()).authOnlyOverTls(),
            PreludeTargetSpec.smtp("run-auth-both", "auth both", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("run-auth-both-tls").build()),
            PreludeTargetSpec.ldap("run-ldap", "PLAIN SCRAM-SHA-256", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("run-ldap-tls").build())));

    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    private RunConfig config(boolean realStack) {
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors(), 30);
        return RunConfig.of(new EngineSettings(1000, 3000, 30, 64, 4, 0).engine(Scope.DEFAULT), ScanOptions.full(),
                ProfileSettings.none(), certificates, dir.resolve(realStack ? "on" : "off")).realStackCheck(realStack);
    }

    private static Target speaking(FarmTarget t, String protocol) {
        return new Target(t.hostPort(), t.host(), t.port(), Optional.empty(), true, t.name(), Optional.of(protocol));
    }

    private Map<String, JsonNode> run(TargetFarm farm, boolean realStack) throws IOException {
        RunConfig config = config(realStack);
        ScanRun.run(List.of(speaking(farm.target("run-auth-tls-only"), "smtp"),
                speaking(farm.target("run-auth-both"), "smtp"), speaking(farm.target("run-ldap"), "ldap")).iterator(),
                config, () -> { }, new RunStop());
        Map<String, JsonNode> byOrigin = new HashMap<>();
        for (String line : Files.readAllLines(config.outputDir().resolve(ScanRun.RESULTS))) {
            JsonNode n = new ObjectMapper().readTree(line);
            byOrigin.put(n.get("origin").asText(), n);
        }
        return byOrigin;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> findings(JsonNode line, String kind) {
        List<String> out = new ArrayList<>();
        line.get("findings").forEach(f -> {
            if (f.get("kind").asText().equals(kind)) {
                out.add(f.get("detail").asText());
            }
        });
        return out;
    }

    @Test
    void theRealStackChecksConnectionLearnsTheMechanismsOfferedOverTls(TargetFarm farm) throws IOException {
        Map<String, JsonNode> lines = run(farm, true);

        JsonNode only = lines.get("run-auth-tls-only");
        assertThat(only.get("confirmation").get("outcome").asText()).as(only.toString()).isEqualTo("agreed");
        assertThat(texts(only.get("prelude").get("auth-before-tls"))).isEmpty();
        assertThat(texts(only.get("prelude").get("auth-after-tls"))).containsExactly("PLAIN", "LOGIN");
        assertThat(findings(only, "plain-text-auth-before-tls")).isEmpty();

        JsonNode both = lines.get("run-auth-both");
        assertThat(texts(both.get("prelude").get("auth-before-tls"))).containsExactly("PLAIN", "LOGIN");
        assertThat(texts(both.get("prelude").get("auth-after-tls"))).containsExactly("PLAIN", "LOGIN");
        assertThat(findings(both, "plain-text-auth-before-tls"))
                .containsExactly("smtp offers AUTH PLAIN, AUTH LOGIN before TLS");

        JsonNode ldap = lines.get("run-ldap");
        assertThat(ldap.get("confirmation").get("outcome").asText()).as(ldap.toString()).isEqualTo("agreed");
        assertThat(texts(ldap.get("prelude").get("sasl-mechanisms"))).as("the root DSE, read before StartTLS")
                .containsExactly("PLAIN", "SCRAM-SHA-256");
        assertThat(ldap.get("prelude").get("starttls-listed").asBoolean()).isTrue();
        assertThat(findings(ldap, "plain-text-auth-before-tls")).containsExactly("ldap offers SASL PLAIN before TLS");
    }

    @Test
    void withoutTheRealStackCheckNothingIsAskedAfterTls(TargetFarm farm) throws IOException {
        Map<String, JsonNode> lines = run(farm, false);

        JsonNode only = lines.get("run-auth-tls-only");
        assertThat(only.get("status").asText()).isEqualTo("ok");
        assertThat(texts(only.get("prelude").get("auth-before-tls"))).isEmpty();
        assertThat(only.get("prelude").has("auth-after-tls")).isFalse();
        JsonNode ldap = lines.get("run-ldap");
        assertThat(ldap.get("prelude").get("starttls-offered").asBoolean()).isTrue();
        assertThat(ldap.get("prelude").has("sasl-mechanisms")).as("the scan's connections read no root DSE").isFalse();
        assertThat(findings(ldap, "plain-text-auth-before-tls")).isEmpty();
    }
}
