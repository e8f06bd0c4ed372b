package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.ClientImpact;
import io.tlsweep.analysis.Evidence;
import io.tlsweep.analysis.FindingKinds;
import io.tlsweep.analysis.Readiness;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.MssqlEncryptionCheck.EncryptOff;
import io.tlsweep.check.MssqlEncryptionCheck.Part;
import io.tlsweep.check.MssqlEncryptionCheck.Strict;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.tds.Encryption;
import io.tlsweep.prelude.tds.TdsPrelude;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.JsonLinesWriter;
import io.tlsweep.report.ReportSet;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.RunInfo;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.TargetResult;
import io.tlsweep.result.Timings;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.Vectors;
import java.io.BufferedReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a SQL Server answers ENCRYPT_OFF, and whether it serves TDS 8.0 strict encryption: the fold on the PRELOGIN
 * responses of vectors/prelude (built from [MS-TDS], no SQL Server being packaged for Debian) and on hand-made
 * outcomes; its JSON part; and the whole run, line and reports against the targets module's scripted SQL Server
 * front, once serving strict encryption (as SQL Server 2022), once serving it only (Force Strict Encryption), once
 * not, once without TLS.
 */
class MssqlEncryptionCheckTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            TdsTargetSpec.of("mssql-2022-strict", 16, 0, 1000, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2022-strict-tls").build()).servingStrict(),
            TdsTargetSpec.of("mssql-2022-strict-only", 16, 0, 1000, TdsTargetSpec.Encryption.OFF,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2022-strict-only-tls").build()).strictOnly(),
            TdsTargetSpec.of("mssql-2019-forced", 15, 0, 2000, TdsTargetSpec.Encryption.REQ,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2019-forced-tls").build()),
            TdsTargetSpec.of("mssql-2008r2-no-tls", 10, 50, 1600, TdsTargetSpec.Encryption.NOT_SUP,
                    DefaultProfiles.mixed().toBuilder().name("mssql-2008r2-no-tls-tls").build())));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PartJson<Part> PART_JSON = new MssqlEncryptionCheck().json().orElseThrow();

    /** What a connection saying ENCRYPT_OFF got from a server sending {@code vector}. */
    private static EncryptOff offAnswer(String vector) {
        PreludeStep last = PreludeFeed.same(TdsPrelude.asking(Encryption.OFF), Vectors.load("prelude/" + vector
                + ".server.hex")).last();
        ConnectionOutcome outcome = last instanceof PreludeStep.Failed f
                ? new ConnectionOutcome.NoReply(f.facts(), f.failure(), Timings.NONE)
                : new ConnectionOutcome.PreludeAnswered(((PreludeStep.TlsMayStart) last).facts(), Timings.NONE);
        return MssqlEncryptionCheck.encryptOff(outcome);
    }

    @Test
    void theAnswerToEncryptOffSaysWhetherEncryptionIsForced() {
        EncryptOff off = offAnswer("mssql-spec-2012-off");
        assertThat(off.answer()).contains(Encryption.OFF);
        assertThat(off.forceEncryption()).contains(false);
        assertThat(off.describe()).isEqualTo("ENCRYPT_OFF answered off: TLS for the login only");

        EncryptOff req = offAnswer("mssql-spec-2019-req");
        assertThat(req.answer()).contains(Encryption.REQ);
        assertThat(req.forceEncryption()).contains(true);
        assertThat(req.describe()).isEqualTo("ENCRYPT_OFF answered required: Force Encryption, clients that cannot"
                + " encrypt are turned away");
        assertThat(offAnswer("mssql-spec-2005-on").forceEncryption()).contains(true);

        EncryptOff none = offAnswer("mssql-spec-2008r2-notsup");
        assertThat(none.answer()).contains(Encryption.NOT_SUP);
        assertThat(none.forceEncryption()).isEmpty();

        EncryptOff lost = MssqlEncryptionCheck.encryptOff(new ConnectionOutcome.NoReply(Failure.of(
                FailureKind.RESET_BEFORE_REPLY, "connection reset"), Timings.NONE));
        assertThat(lost.answer()).isEmpty();
        assertThat(lost.describe()).startsWith("ENCRYPT_OFF unanswered (reset-before-reply");
    }

    @Test
    void strictIsServedOnlyWhereAServerHelloCameBack() {
        Strict closed = MssqlEncryptionCheck.strict(new ConnectionOutcome.NoReply(Failure.of(
                FailureKind.CLOSED_BEFORE_REPLY, "connection closed before any reply"), Timings.NONE));
        assertThat(closed.served()).isFalse();
        assertThat(closed.describe()).startsWith("TDS 8.0 strict not served (closed-before-reply");

        Strict alert = MssqlEncryptionCheck.strict(new ConnectionOutcome.Replied(ServerResponseDecoder.finish(
                SentinelServer.alert(40)), Timings.NONE));
        assertThat(alert.served()).isFalse();
        assertThat(alert.answer()).hasValueSatisfying(a -> assertThat(a).contains("handshake_failure"));

        Strict served = MssqlEncryptionCheck.strict(new ConnectionOutcome.Replied(ServerResponseDecoder.finish(
                SentinelServer.serverHello(ProtocolVersion.TLSv1_2, new byte[8])), Timings.NONE));
        assertThat(served).isEqualTo(new Strict(true, Optional.of(ProtocolVersion.TLSv1_2), Optional.empty(),
                Optional.empty()));
    }

    private static List<Finding> findings(Optional<Encryption> answer) {
        Strict notServed = new Strict(false, Optional.empty(), Optional.empty(), Optional.of("closed"));
        return new MssqlEncryptionCheck().findings(new Part(new EncryptOff(answer, answer.isPresent()
                ? Optional.empty() : Optional.of("no PRELOGIN response")), notServed), null);
    }

    /**
     * ENCRYPT_OFF answered OFF is the finding; Force Encryption (ON, REQ) and no answer are none; NOT_SUP is the
     * prelude's service-without-tls, not found twice.
     */
    @Test
    void encryptionNotForcedIsFoundWhereEncryptOffIsAnsweredOff() {
        assertThat(findings(Optional.of(Encryption.OFF))).containsExactly(new Finding(
                MssqlEncryptionCheck.ENCRYPTION_NOT_FORCED, "ENCRYPT_OFF answered off: TLS for the login packet only,"
                        + " the rest of the session in clear"));
        assertThat(findings(Optional.of(Encryption.ON))).isEmpty();
        assertThat(findings(Optional.of(Encryption.REQ))).isEmpty();
        assertThat(findings(Optional.of(Encryption.NOT_SUP))).isEmpty();
        assertThat(findings(Optional.empty())).isEmpty();
        assertThat(FindingKinds.all(Checks.BUILT_IN)).contains(MssqlEncryptionCheck.ENCRYPTION_NOT_FORCED);
    }

    @Test
    void itsPartRoundTripsThroughItsJson() throws Exception {
        Part part = new Part(new EncryptOff(Optional.of(Encryption.REQ), Optional.empty()), new Strict(true,
                Optional.of(ProtocolVersion.TLSv1_2), Optional.of("tds/8.0"), Optional.empty()));
        String written = PART_JSON.write(part).toString();
        assertThat(written).isEqualTo("{\"encrypt-off\":{\"answer\":\"required\",\"force-encryption\":true},"
                + "\"tds8-strict\":{\"served\":true,\"version\":\"TLSv1.2\",\"alpn\":\"tds/8.0\"}}");
        assertThat(PART_JSON.read(JSON.readTree(written))).isEqualTo(part);
        Part lost = new Part(new EncryptOff(Optional.empty(), Optional.of("reset")), new Strict(false,
                Optional.empty(), Optional.empty(), Optional.of("closed")));
        assertThat(PART_JSON.read(PART_JSON.write(lost))).isEqualTo(lost);
        assertThatThrownBy(() -> PART_JSON.read(JSON.readTree("{\"encrypt-off\":{\"answer\":\"maybe\"},"
                + "\"tds8-strict\":{\"served\":false}}"))).hasMessageContaining("'maybe' is no ENCRYPTION");
        assertThatThrownBy(() -> PART_JSON.read(JSON.readTree("{\"encrypt-off\":{}}")))
                .hasMessageContaining("'tds8-strict'");
    }

    /** The built-in checks against the fronts: the part, the line, back from the line, and the reports. */
    @Test
    void registeredItReachesTheLineAndTheReports(TargetFarm farm, @TempDir Path dir) throws Exception {
        Map<String, TargetResult> results = new LinkedHashMap<>();
        List<Target> targets = new ArrayList<>();
        for (String name : List.of("mssql-2022-strict", "mssql-2022-strict-only", "mssql-2019-forced",
                "mssql-2008r2-no-tls")) {
            FarmTarget t = farm.target(name);
            targets.add(new Target(t.hostPort(), t.host(), t.port(), Optional.empty(), true, name)
                    .withPrelude(Optional.of(TdsPrelude.PROTOCOL)));
        }
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(3)).targetBudget(Duration.ofSeconds(60)).maxInFlight(16)
                .perHostConnections(4).build();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), List.of(), false, Checks.BUILT_IN)) {
            scanner.scan(targets.iterator(), r -> results.put(r.target().origin(), r)).join();
        }

        Part strict = results.get("mssql-2022-strict").checks().get(MssqlEncryptionCheck.KEY).orElseThrow();
        assertThat(strict).isEqualTo(new Part(new EncryptOff(Optional.of(Encryption.OFF), Optional.empty()),
                new Strict(true, Optional.of(ProtocolVersion.TLSv1_2), Optional.of("tds/8.0"), Optional.empty())));
        Part strictOnly = results.get("mssql-2022-strict-only").checks().get(MssqlEncryptionCheck.KEY).orElseThrow();
        assertThat(strictOnly.encryptOff().answer()).as("PRELOGIN in the clear is closed").isEmpty();
        assertThat(strictOnly.strict()).isEqualTo(new Strict(true, Optional.of(ProtocolVersion.TLSv1_2),
                Optional.of("tds/8.0"), Optional.empty()));
        Part forced = results.get("mssql-2019-forced").checks().get(MssqlEncryptionCheck.KEY).orElseThrow();
        assertThat(forced.encryptOff()).isEqualTo(new EncryptOff(Optional.of(Encryption.REQ), Optional.empty()));
        assertThat(forced.strict().served()).as("a front without strict encryption closes a ClientHello").isFalse();
        assertThat(forced.strict().answer()).hasValueSatisfying(a -> assertThat(a).contains("closed"));
        TargetResult noTls = results.get("mssql-2008r2-no-tls");
        assertThat(noTls.checks().get(MssqlEncryptionCheck.KEY).orElseThrow().encryptOff().answer())
                .contains(Encryption.NOT_SUP);
        assertThat(noTls.prelude().orElseThrow().fields()).as("the line's facts are the scan's own PRELOGIN's")
                .containsEntry("encryption-requested", "on").containsEntry("encryption", "not-supported");
        assertThat(results.get("mssql-2022-strict").prelude().orElseThrow().fields())
                .containsEntry("encryption-requested", "on").doesNotContainKey("tds8-strict");
        assertThat(results.get("mssql-2022-strict").protocols()).isNotEmpty();

        Path jsonl = dir.resolve("results.jsonl");
        Map<String, List<FindingKind>> found = new LinkedHashMap<>();
        try (OutputStream out = Files.newOutputStream(jsonl); JsonLinesWriter lines = new JsonLinesWriter(out)) {
            for (TargetResult r : results.values()) {
                Evidence e = Evidence.of(r, List.of(), false, ChainPolicy.of(TrustAnchors.of("none", List.of())),
                        Instant.now(), ClientImpact.none(), Checks.BUILT_IN);
                Assessment a = Readiness.assess(e);
                found.put(r.target().origin(), a.findings().stream().map(Finding::kind).filter(k ->
                        k == MssqlEncryptionCheck.ENCRYPTION_NOT_FORCED || k == FindingKind.SERVICE_WITHOUT_TLS)
                        .toList());
                lines.write(ResultJson.of(e, a));
            }
        }
        assertThat(found).as("only the front answering ENCRYPT_OFF with off does not force encryption; the one"
                + " without TLS is the prelude's finding alone").isEqualTo(Map.of(
                "mssql-2022-strict", List.of(MssqlEncryptionCheck.ENCRYPTION_NOT_FORCED),
                "mssql-2022-strict-only", List.of(), "mssql-2019-forced", List.of(),
                "mssql-2008r2-no-tls", List.of(FindingKind.SERVICE_WITHOUT_TLS)));
        JsonNode line = null;
        for (String text : Files.readAllLines(jsonl)) {
            JsonNode node = JSON.readTree(text);
            line = node.path("origin").asText().equals("mssql-2022-strict") ? node : line;
        }
        assertThat(line).isNotNull();
        JsonNode check = line.path("checks").path("mssql-encryption");
        assertThat(check.path("connections").asInt()).isEqualTo(2);
        assertThat(check.path("summary").asText()).isEqualTo("ENCRYPT_OFF answered off: TLS for the login only; TDS"
                + " 8.0 strict served (TLSv1.2, ALPN tds/8.0)");
        assertThat(check.path("part").path("tds8-strict").path("alpn").asText()).isEqualTo("tds/8.0");
        assertThat(line.path("findings").findValuesAsText("kind")).contains("mssql-encryption-not-forced");

        List<ResultJson> back = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(jsonl)) {
            JsonLinesReader.read(in, "results.jsonl", back::add, e -> {
                throw new AssertionError(e);
            });
        }
        assertThat(back.stream().filter(r -> r.origin().equals("mssql-2022-strict")).findFirst().orElseThrow()
                .checks().get("mssql-encryption").read(new MssqlEncryptionCheck())).isEqualTo(strict);
        List<String> errors = new ArrayList<>();
        ReportSet.rebuild(jsonl, dir.resolve("latency.hlog"), dir, new RunInfo(Instant.now(), Duration.ofSeconds(1),
                "test", "tlsweep scan"), errors::add, Checks.BUILT_IN);
        assertThat(errors).isEmpty();
        List<String> csv = Files.readAllLines(dir.resolve(ReportSet.ENDPOINTS));
        assertThat(csv.get(0)).contains(",check:mssql-encryption");
        assertThat(csv).anySatisfy(row -> assertThat(row).contains("TDS 8.0 strict served (TLSv1.2, ALPN tds/8.0)"));
        assertThat(Files.readString(dir.resolve(ReportSet.HTML))).contains("<table id=\"check-mssql-encryption\">");
    }
}
