package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.targets.cert.CertificateSpec;
import io.tlsweep.targets.cert.FarmCertificateAuthority;
import io.tlsweep.targets.cert.KeyPairCache;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Empty and broken chains, and validity judged at an injected time. */
class ChainReportTest {

    private static final FarmCertificateAuthority FARM = new FarmCertificateAuthority(KeyPairCache.shared());
    private static final ChainPolicy FARM_ANCHORS = ChainPolicy.of(
            TrustAnchors.of("farm", List.of(FARM.certificate())));
    private static final X509Certificate LEAF = FARM.issue(CertificateSpec.rsa2048()).leaf();

    private static ChainReport at(Instant now, int threshold) throws Exception {
        return ChainReport.of(List.of(LEAF.getEncoded()), Optional.of("localhost"), now,
                new ChainPolicy(FARM_ANCHORS.anchors(), threshold));
    }

    @Test
    void emptyChainIsNoCertificate() {
        ChainReport report = ChainReport.of(List.of(), Optional.of("localhost"), Instant.now(), FARM_ANCHORS);

        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.NO_CERTIFICATE,
                "no certificate served (anonymous cipher suite, or the chain was not captured)"));
        assertThat(report.leaf()).isEmpty();
        assertThat(report.daysLeft()).isEmpty();
        assertThat(report.validation()).isEqualTo(new ChainValidation.NotValidated("no certificate served"));
        assertThat(report.nameMatch().outcome()).isEqualTo(NameMatch.Outcome.NOT_CHECKED);
    }

    @Test
    void garbageLeafIsReportedAndNothingElseIsJudged() {
        byte[] garbage = HexFormat.of().parseHex("300a0203010203");

        ChainReport report = ChainReport.of(List.of(garbage), Optional.of("localhost"), Instant.now(), FARM_ANCHORS);

        assertThat(report.chain()).singleElement().isInstanceOf(UnparseableCertificate.class);
        assertThat(report.findingKinds()).containsExactly(CertificateFinding.UNPARSEABLE);
        assertThat(report.findings().get(0).detail()).startsWith("leaf of 1 (7 bytes): ");
        assertThat(report.validation())
                .isEqualTo(new ChainValidation.NotValidated("the leaf certificate is not parseable"));
    }

    @Test
    void garbageAfterAGoodLeafIsReportedBesideTheTrustedLeaf() throws Exception {
        byte[] garbage = {1, 2, 3};

        ChainReport report = ChainReport.of(List.of(LEAF.getEncoded(), garbage, FARM.certificate().getEncoded()),
                Optional.of("localhost"), Instant.now(), FARM_ANCHORS);

        assertThat(report.findingKinds()).containsExactly(CertificateFinding.UNPARSEABLE);
        assertThat(report.findings().get(0).detail()).startsWith("certificate 2 of 3 (3 bytes): ");
        assertThat(report.validation()).isInstanceOf(ChainValidation.Trusted.class);
    }

    @ParameterizedTest(name = "{0} before notAfter, threshold {1}: {2} days left")
    @CsvSource({"PT240H, 30, 10, true", "PT720H, 30, 30, false", "PT719H59M, 30, 29, true", "PT240H, 5, 10, false",
            "PT240H, 0, 10, false", "PT1S, 30, 0, true"})
    void expiringSoonFollowsTheThreshold(Duration beforeEnd, int threshold, long daysLeft, boolean soon)
            throws Exception {
        Instant end = LEAF.getNotAfter().toInstant();

        ChainReport report = at(end.minus(beforeEnd), threshold);

        assertThat(report.daysLeft()).isEqualTo(OptionalLong.of(daysLeft));
        assertThat(report.findings()).isEqualTo(!soon ? List.of() : List.of(new CertificateProblem(
                CertificateFinding.EXPIRING_SOON, "expires " + LocalDate.ofInstant(end, ZoneOffset.UTC) + " ("
                + daysLeft + (daysLeft == 1 ? " day" : " days") + " left, threshold " + threshold + ")")));
    }

    @Test
    void expiryIsJudgedAtTheInjectedTime() throws Exception {
        Instant end = LEAF.getNotAfter().toInstant();
        String date = LocalDate.ofInstant(end, ZoneOffset.UTC).toString();

        assertThat(at(end, 30).findingKinds()).containsExactly(CertificateFinding.EXPIRING_SOON);
        assertThat(at(end.plusSeconds(1), 30).findings()).containsExactly(
                new CertificateProblem(CertificateFinding.EXPIRED, "expired " + date + " (0 days ago)"));
        assertThat(at(end.plus(Duration.ofDays(1)), 30).findings()).containsExactly(
                new CertificateProblem(CertificateFinding.EXPIRED, "expired " + date + " (1 day ago)"));
        assertThat(at(end.plus(Duration.ofDays(400)), 30).daysLeft()).isEqualTo(OptionalLong.of(-400));
        assertThat(at(LEAF.getNotBefore().toInstant().minusSeconds(1), 30).findings()).containsExactly(
                new CertificateProblem(CertificateFinding.NOT_YET_VALID, "valid from "
                        + LocalDate.ofInstant(LEAF.getNotBefore().toInstant(), ZoneOffset.UTC) + " (in 1 day)"));
    }

    @Test
    void expiredLeafIsStillTrustedSoThatItIsReportedOnce() throws Exception {
        ChainReport report = at(LEAF.getNotAfter().toInstant().plus(Duration.ofDays(3)), 30);

        assertThat(report.validation()).isInstanceOf(ChainValidation.Trusted.class);
        assertThat(report.findingKinds()).containsExactly(CertificateFinding.EXPIRED);
    }

    @Test
    void negativeThresholdIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChainPolicy(FARM_ANCHORS.anchors(), -1))
                .withMessage("expiring-soon threshold -1 is negative");
    }

    @Test
    void findingLabelsRoundTrip() {
        for (CertificateFinding finding : CertificateFinding.values()) {
            assertThat(CertificateFinding.ofLabel(finding.label())).isSameAs(finding);
        }
        assertThat(new CertificateProblem(CertificateFinding.WEAK_KEY, "RSA 1024-bit key"))
                .hasToString("cert-weak-key: RSA 1024-bit key");
    }
}
