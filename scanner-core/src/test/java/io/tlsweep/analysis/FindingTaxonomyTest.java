package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.cert.CertificateFinding;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.ChainReport;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.check.PartJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.report.ResultJson;
import io.tlsweep.result.CheckParts;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.TargetResult;
import io.tlsweep.testing.SelfSignedKey;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One findings taxonomy: every finding of an endpoint is drawn by analysis once all its facts are in (scan,
 * real-stack handshake, profile hellos, certificate, the checks' parts), in the taxonomy's order, and the line
 * renders exactly those, with the labels the lines have always carried.
 */
class FindingTaxonomyTest {
    private static final CipherSuite GCM = CipherSuite.of(0xC02F);
    private static final CipherSuite CBC = CipherSuite.of(0xC013);
    private static final FindingKind BOILED = FindingKind.of("kettle-boiled", "the kettle boiled over");

    /** What a test check found: cups poured. */
    record Cups(int poured) {
    }

    /** A check with a part and a finding rule: more than two cups is a finding. */
    static class KettleCheck implements Check<Cups> {
        static final PartKey<Cups> KEY = new PartKey<>("kettle", Cups.class);
        private final List<FindingKind> kinds;
        private final FindingKind raises;

        KettleCheck(List<FindingKind> kinds, FindingKind raises) {
            this.kinds = kinds;
            this.raises = raises;
        }

        KettleCheck() {
            this(List.of(BOILED), BOILED);
        }

        @Override
        public PartKey<Cups> key() {
            return KEY;
        }

        @Override
        public Optional<CheckPlan<Cups>> plan(PlanContext context) {
            return Optional.empty();
        }

        @Override
        public List<FindingKind> kinds() {
            return kinds;
        }

        @Override
        public List<Finding> findings(Cups part, TargetResult result) {
            return part.poured() > 2 ? List.of(new Finding(raises, part.poured() + " cups")) : List.of();
        }

        @Override
        public Optional<PartJson<Cups>> json() {
            return Optional.of(new PartJson<>() {
                @Override
                public ObjectNode write(Cups part) {
                    return JsonNodeFactory.instance.objectNode().put("poured", part.poured());
                }

                @Override
                public Cups read(JsonNode json) {
                    return new Cups(json.path("poured").asInt());
                }

                @Override
                public String summary(Cups part) {
                    return part.poured() + " cups poured";
                }
            });
        }
    }

    private static Evidence everything(Checks checks) throws GeneralSecurityException {
        TargetResult r = result().accepts(ProtocolVersion.TLSv1_0, 0x0005, 0xC013).accepts(ProtocolVersion.TLSv1_2,
                0xC02F, 0xC013).build().withChecks(CheckParts.NONE.with(KettleCheck.KEY, new Cups(3), 1));
        Confirmation disagreed = new Confirmation(Optional.of("jdk"), ProtocolVersion.TLSv1_2, Optional.of(GCM),
                Optional.of(ProtocolVersion.TLSv1_2), Optional.of(CBC), Confirmation.Outcome.DISAGREED,
                "jdk negotiated TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA; the scan predicts TLSv1.2 "
                        + "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", List.of());
        ClientProfile java = ProfileFile.builtIn().profiles().stream().filter(p -> p.id().equals("java17"))
                .findFirst().orElseThrow();
        ClientImpact impact = new ClientImpact(List.of(new ProfileCheck(java, ProfileOutcome.connects(
                ProtocolVersion.TLSv1_2, GCM), Optional.of(ProfileOutcome.connects(ProtocolVersion.TLSv1_2, CBC)))),
                List.of(), Optional.empty());
        ChainReport chain = ChainReport.of(List.of(SelfSignedKey.rsa2048().certificate().getEncoded()),
                Optional.of("127.0.0.9"), Instant.now(), ChainPolicy.of(TrustAnchors.of("none", List.of())));
        return new Evidence(r, Optional.of(chain), Optional.of(disagreed), List.of(), impact, checks);
    }

    @Test
    void everyFindingIsDrawnOnceAllFactsAreInInTheTaxonomysOrder() throws Exception {
        Evidence e = everything(Checks.BUILT_IN.with(new KettleCheck()));
        Assessment a = Readiness.assess(e);
        List<String> certificate = e.certificate().orElseThrow().findings().stream()
                .map(p -> p.finding().label()).toList();
        assertThat(certificate).contains("cert-self-signed", "cert-untrusted");
        List<String> expected = new ArrayList<>(List.of("rc4", "cbc-tls10-beast", "cbc-lucky13", "real-stack-disagrees",
                "profile-prediction-disagrees"));
        expected.addAll(certificate);
        expected.add("kettle-boiled");
        assertThat(a.findings()).extracting(f -> f.kind().label()).containsExactlyElementsOf(expected);
        assertThat(a.findings()).filteredOn(f -> f.kind() == FindingKind.PROFILE_DISAGREES).singleElement()
                .extracting(Finding::detail).asString().startsWith(e.impact().checks().get(0).profile().name()
                        + ": predicted TLSv1.2");
        assertThat(a.findings()).filteredOn(f -> f.kind() == BOILED).singleElement()
                .extracting(Finding::detail).isEqualTo("3 cups");

        // the verdict and its reason are those of the scan and the profiles, as before
        Assessment scanOnly = Readiness.assess(e.result(), e.impact());
        assertThat(a.verdict()).isEqualTo(scanOnly.verdict());
        assertThat(a.reason()).isEqualTo(scanOnly.reason());

        // the line renders the findings, it does not add any
        ResultJson line = ResultJson.of(e, a);
        assertThat(line.findings()).extracting(ResultJson.FindingJson::kind).containsExactlyElementsOf(expected);
        assertThat(line.findings()).extracting(ResultJson.FindingJson::detail)
                .containsExactlyElementsOf(a.findings().stream().map(Finding::detail).toList());
        assertThat(line.checks().get("kettle").summary()).isEqualTo("3 cups poured");
    }

    @Test
    void theTaxonomyHoldsEveryKindOnceWithItsTitle() {
        List<FindingKind> all = FindingKinds.all(Checks.BUILT_IN.with(new KettleCheck()));
        assertThat(all).extracting(FindingKind::label).doesNotHaveDuplicates()
                .startsWith(FindingKind.SCAN_RULES.stream().map(FindingKind::label).toArray(String[]::new))
                .contains("real-stack-disagrees", "profile-prediction-disagrees", "kettle-boiled");
        for (CertificateFinding c : CertificateFinding.values()) {
            assertThat(FindingKinds.byLabel(c.label(), Checks.BUILT_IN)).map(FindingKind::title).contains(c.title());
        }
        assertThat(FindingKinds.byLabel("kettle-boiled", Checks.BUILT_IN)).isEmpty();
        assertThat(all).allSatisfy(k -> assertThat(k.title()).isNotBlank());
    }

    @Test
    void aCheckCannotTakeALabelThatIsTaken() {
        assertThatThrownBy(() -> FindingKinds.all(Checks.BUILT_IN.with(new KettleCheck(
                List.of(FindingKind.of("rc4", "mine")), BOILED))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'rc4', which is tlsweep's own");
        Check<Cups> other = new KettleCheck() {
            @Override
            public PartKey<Cups> key() {
                return new PartKey<>("other-kettle", Cups.class);
            }
        };
        assertThatThrownBy(() -> Checks.BUILT_IN.with(new KettleCheck(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kettle-boiled' is another check's");
        assertThatThrownBy(() -> Checks.BUILT_IN.with(new KettleCheck(), new KettleCheck()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two checks with the id 'kettle'");
    }

    @Test
    void aCheckRaisingAKindItDidNotDeclareIsABug() throws Exception {
        Evidence e = everything(Checks.BUILT_IN.with(new KettleCheck(List.of(BOILED), FindingKind.RC4)));
        assertThatThrownBy(() -> Readiness.assess(e)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("check kettle raised 'rc4', which is not one of its kinds");
    }
}
