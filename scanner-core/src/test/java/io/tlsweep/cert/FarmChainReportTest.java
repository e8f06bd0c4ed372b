package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.InputFiles;
import io.tlsweep.targets.cert.CertificateSpec;
import io.tlsweep.targets.cert.CertifiedKey;
import io.tlsweep.targets.cert.FarmCertificateAuthority;
import io.tlsweep.targets.cert.KeyPairCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of certificate the target farm serves, read and judged with the farm CA given as a PEM
 * bundle (as {@code --ca-file} would), and the plain CA-signed leaf judged against the JDK defaults.
 */
class FarmChainReportTest {

    private static final String CA = "O=tlsweep,CN=tlsweep target farm test CA";
    private static final String HOSTILE_CN = "<script>";
    private static final String HOSTILE_O = "=HYPERLINK(\"x\")";
    private static final FarmCertificateAuthority FARM = new FarmCertificateAuthority(KeyPairCache.shared());

    @TempDir
    static Path dir;
    private static Path caFile;
    private static ChainPolicy farmAnchors;

    @BeforeAll
    static void writeCaFile() throws Exception {
        caFile = Files.writeString(dir.resolve("farm-ca.pem"), FARM.certificatePem(), StandardCharsets.US_ASCII);
        farmAnchors = ChainPolicy.of(((AnchorLoad.Loaded) InputFiles.caBundle(caFile)).anchors());
    }

    /** One farm certificate kind with what its facts and findings must be. */
    record Kind(String name, CertificateSpec spec, String subject, String issuer, List<String> dns, List<String> ips,
                KeyFacts key, String signature, boolean selfSigned,
                Function<X509Certificate, List<CertificateProblem>> findings) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final KeyFacts RSA_2048 = new KeyFacts(KeyAlgorithm.RSA, 2048, Optional.empty(), "RSA");
    private static final List<String> LOCALHOST = List.of("localhost");
    private static final List<String> LOOPBACK = List.of("127.0.0.1");
    private static final String FARM_LEAF = "O=tlsweep target farm,CN=localhost";

    static Stream<Kind> kinds() {
        String selfSigned = "O=tlsweep self-signed,CN=localhost";
        return Stream.of(
                new Kind("rsa2048", CertificateSpec.rsa2048(), FARM_LEAF, CA, LOCALHOST, LOOPBACK, RSA_2048,
                        "SHA256withRSA", false, c -> List.of()),
                new Kind("ecdsaP256", CertificateSpec.ecdsaP256(), FARM_LEAF, CA, LOCALHOST, LOOPBACK,
                        new KeyFacts(KeyAlgorithm.EC, 256, Optional.of("secp256r1"), "EC"), "SHA256withRSA", false,
                        c -> List.of()),
                new Kind("selfSignedRsa", CertificateSpec.selfSignedRsa(), selfSigned, selfSigned, LOCALHOST,
                        LOOPBACK, RSA_2048, "SHA256withRSA", true, c -> List.of(
                        problem(CertificateFinding.SELF_SIGNED, "self-signed: " + selfSigned),
                        problem(CertificateFinding.UNTRUSTED, "self-signed certificate " + selfSigned
                                + " is not a trust anchor (" + caFile + ")"))),
                new Kind("expired", CertificateSpec.expired(), FARM_LEAF, CA, LOCALHOST, LOOPBACK, RSA_2048,
                        "SHA256withRSA", false, c -> List.of(problem(CertificateFinding.EXPIRED,
                        "expired " + utcDate(c.getNotAfter().toInstant()) + " (30 days ago)"))),
                new Kind("notYetValid", CertificateSpec.notYetValid(), FARM_LEAF, CA, LOCALHOST, LOOPBACK, RSA_2048,
                        "SHA256withRSA", false, c -> List.of(problem(CertificateFinding.NOT_YET_VALID,
                        "valid from " + utcDate(c.getNotBefore().toInstant()) + " (in 30 days)"))),
                new Kind("wrongName", CertificateSpec.wrongName(),
                        "O=tlsweep target farm,CN=wrong-name.tlsweep.invalid",
                        CA, List.of(CertificateSpec.WRONG_NAME), List.of(), RSA_2048, "SHA256withRSA", false,
                        c -> List.of(problem(CertificateFinding.NAME_MISMATCH,
                                "name localhost not in SAN [DNS:wrong-name.tlsweep.invalid]"))),
                new Kind("rsa1024", CertificateSpec.rsa1024(), FARM_LEAF, CA, LOCALHOST, LOOPBACK,
                        new KeyFacts(KeyAlgorithm.RSA, 1024, Optional.empty(), "RSA"), "SHA256withRSA", false,
                        c -> List.of(problem(CertificateFinding.WEAK_KEY, "RSA 1024-bit key"))),
                new Kind("sha1Signed", CertificateSpec.sha1Signed(), FARM_LEAF, CA, LOCALHOST, LOOPBACK, RSA_2048,
                        "SHA1withRSA", false,
                        c -> List.of(problem(CertificateFinding.SHA1_SIGNATURE, "SHA1withRSA signature"))),
                new Kind("hostileSubject", CertificateSpec.rsa2048().withSubject(HOSTILE_CN, HOSTILE_O),
                        "O=\\=HYPERLINK(\\\"x\\\"),CN=\\<script\\>", CA, LOCALHOST, LOOPBACK, RSA_2048,
                        "SHA256withRSA", false, c -> List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void factsAreReadExactly(Kind kind) throws Exception {
        X509Certificate cert = FARM.issue(kind.spec()).leaf();

        ServedCertificate facts = CertificateReader.read(cert.getEncoded());

        String cn = kind.spec().commonName();
        assertThat(facts).isEqualTo(new CertificateFacts(kind.subject(), Optional.of(cn), kind.issuer(),
                cert.getSerialNumber().toString(16), kind.dns(), kind.ips(), kind.key(),
                SignatureFacts.of(kind.signature()), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                sha256(cert.getEncoded()), kind.selfSigned(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void findingsWithTheFarmCaAsAnchor(Kind kind) throws Exception {
        CertifiedKey issued = FARM.issue(kind.spec());

        ChainReport report = ChainReport.of(der(issued), Optional.of("localhost"), Instant.now(), farmAnchors);

        assertThat(report.findings()).containsExactlyElementsOf(kind.findings().apply(issued.leaf()));
        if (!kind.selfSigned()) {
            assertThat(report.validation()).isEqualTo(new ChainValidation.Trusted(CA));
        }
    }

    @Test
    void hostileSubjectIsKeptVerbatim() throws Exception {
        CertificateFacts facts = (CertificateFacts) CertificateReader.read(
                FARM.issue(CertificateSpec.rsa2048().withSubject(HOSTILE_CN, HOSTILE_O)).leaf().getEncoded());

        assertThat(facts.subjectCommonName()).contains(HOSTILE_CN);
        assertThat(new javax.security.auth.x500.X500Principal(facts.subject()).getName("RFC1779"))
                .isEqualTo("O=\"=HYPERLINK(\\\"x\\\")\", CN=\"" + HOSTILE_CN + "\"");
    }

    @Test
    void farmLeafIsUntrustedAgainstTheJdkDefaults() throws Exception {
        TrustAnchors jdk = ((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors();

        ChainReport report = ChainReport.of(der(FARM.issue(CertificateSpec.rsa2048())), Optional.of("localhost"),
                Instant.now(), ChainPolicy.of(jdk));

        String reason = "issuer " + CA + " was not served and is not a trust anchor (JDK default trust store)";
        assertThat(report.validation()).isEqualTo(new ChainValidation.Untrusted(reason));
        assertThat(report.findings()).containsExactly(problem(CertificateFinding.UNTRUSTED, reason));
    }

    @Test
    void farmLeafIsTrustedWithTheJdkDefaultsPlusTheCaFile() throws Exception {
        TrustAnchors both = ((AnchorLoad.Loaded) InputFiles.jdkDefaultsAnd(caFile)).anchors();

        ChainReport report = ChainReport.of(der(FARM.issue(CertificateSpec.rsa2048())), Optional.of("127.0.0.1"),
                Instant.now(), ChainPolicy.of(both));

        assertThat(report.findings()).isEmpty();
        assertThat(report.validation()).isEqualTo(new ChainValidation.Trusted(CA));
        assertThat(report.nameMatch().presented()).contains("IP:127.0.0.1");
        assertThat(report.anchors()).isEqualTo("JDK default trust store + " + caFile);
    }

    @Test
    void leafWithTheCaServedTooIsTrusted() throws Exception {
        List<byte[]> chain = List.of(FARM.issue(CertificateSpec.ecdsaP256()).leaf().getEncoded(),
                FARM.certificate().getEncoded());

        ChainReport report = ChainReport.of(chain, Optional.of("localhost"), Instant.now(), farmAnchors);

        assertThat(report.findings()).isEmpty();
        assertThat(report.chain()).hasSize(2);
        assertThat(((CertificateFacts) report.chain().get(1)).certificateAuthority()).isTrue();
        assertThat(((CertificateFacts) report.chain().get(1)).selfSigned()).isTrue();
    }

    static CertificateProblem problem(CertificateFinding finding, String detail) {
        return new CertificateProblem(finding, detail);
    }

    static List<byte[]> der(CertifiedKey issued) throws Exception {
        return List.of(issued.leaf().getEncoded());
    }

    static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

}
