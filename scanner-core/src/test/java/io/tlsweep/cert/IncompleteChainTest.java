package io.tlsweep.cert;

import static io.tlsweep.cert.TestPki.dns;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A root, an intermediate it signs and a leaf the intermediate signs: path building from what the
 * server sends, and telling a forgotten intermediate from an unknown CA.
 */
class IncompleteChainTest {

    private static final String ROOT = "CN=Test Root CA,O=tlsweep tests";
    private static final String INTERMEDIATE = "CN=Test Issuing CA 1,O=tlsweep tests";
    private static final String URL = "http://pki.example.test/issuing-ca-1.crt";

    private static TestPki.Issued root;
    private static TestPki.Issued intermediate;
    private static TestPki.Issued leaf;
    private static TestPki.Issued leafWithoutAia;
    private static ChainPolicy rootOnly;

    @BeforeAll
    static void buildPki() throws Exception {
        KeyPair rsa = TestPki.rsa(2048);
        root = TestPki.root(ROOT, rsa);
        intermediate = TestPki.intermediate(INTERMEDIATE, TestPki.rsa(2048), root, "SHA256withRSA");
        KeyPair leafKeys = TestPki.ec("secp256r1");
        leaf = TestPki.leaf("CN=www.example.test", leafKeys, intermediate, "SHA256withRSA",
                List.of(dns("www.example.test")), List.of(URL));
        leafWithoutAia = TestPki.leaf("CN=www.example.test", leafKeys, intermediate, "SHA256withRSA",
                List.of(dns("www.example.test")), List.of());
        rootOnly = ChainPolicy.of(TrustAnchors.of("root.pem", List.of(root.certificate())));
    }

    private static ChainReport check(List<byte[]> chain, ChainPolicy policy) {
        return ChainReport.of(chain, Optional.of("www.example.test"), Instant.now(), policy);
    }

    @Test
    void leafAloneWithAiaIsAnIncompleteChain() throws Exception {
        ChainReport report = check(List.of(leaf.der()), rootOnly);

        assertThat(report.validation()).isEqualTo(new ChainValidation.IncompleteChain(INTERMEDIATE, List.of(URL)));
        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.INCOMPLETE_CHAIN,
                "issuer " + INTERMEDIATE + " not served (published at " + URL
                        + "); serve it after the leaf: clients that do not fetch it refuse the chain"));
    }

    @Test
    void leafWithTheIntermediateIsTrusted() throws Exception {
        ChainReport report = check(List.of(leaf.der(), intermediate.der()), rootOnly);

        assertThat(report.validation()).isEqualTo(new ChainValidation.Trusted(ROOT));
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void extraMisorderedAndRootCertificatesAreTolerated() throws Exception {
        TestPki.Issued stranger = TestPki.root("CN=Someone Else", TestPki.rsa(2048));

        ChainReport report = check(List.of(leaf.der(), stranger.der(), root.der(), intermediate.der()), rootOnly);

        assertThat(report.validation()).isEqualTo(new ChainValidation.Trusted(ROOT));
        assertThat(report.findings()).isEmpty();
        assertThat(report.chain()).hasSize(4);
    }

    @Test
    void leafAloneWithoutAiaIsAnUnknownIssuer() throws Exception {
        ChainReport report = check(List.of(leafWithoutAia.der()), rootOnly);

        String reason = "issuer " + INTERMEDIATE + " was not served and is not a trust anchor (root.pem)";
        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.UNTRUSTED, reason));
    }

    @Test
    void servedRootThatIsNotAnAnchorIsUntrusted() throws Exception {
        ChainPolicy otherAnchors = ChainPolicy.of(TrustAnchors.of("other.pem",
                List.of(TestPki.root("CN=Other Root", TestPki.rsa(2048)).certificate())));

        ChainReport report = check(List.of(leaf.der(), intermediate.der(), root.der()), otherAnchors);

        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.UNTRUSTED,
                "root " + ROOT + " is not a trust anchor (other.pem)"));
    }

    @Test
    void anchorWithTheRightNameButAnotherKeyIsRefusedByPkix() throws Exception {
        TestPki.Issued impostor = TestPki.root(ROOT, TestPki.rsa(2048));

        ChainReport report = check(List.of(leaf.der(), intermediate.der()),
                ChainPolicy.of(TrustAnchors.of("impostor.pem", List.of(impostor.certificate()))));

        assertThat(report.validation()).isInstanceOf(ChainValidation.Untrusted.class);
        assertThat(report.findingKinds()).containsExactly(CertificateFinding.UNTRUSTED);
        assertThat(report.findings().get(0).detail()).startsWith("certificate 2 " + INTERMEDIATE + ": ");
    }

    @Test
    void sha1OnAnIntermediateIsFoundButNotOnTheRoot() throws Exception {
        TestPki.Issued sha1Root = TestPki.leaf("CN=SHA-1 Root", root.keys(), null, "SHA1withRSA", List.of(),
                List.of());
        TestPki.Issued sha1Intermediate = TestPki.intermediate(INTERMEDIATE, intermediate.keys(), root, "SHA1withRSA");

        ChainReport report = check(List.of(leaf.der(), sha1Intermediate.der(), sha1Root.der()), rootOnly);

        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.SHA1_SIGNATURE,
                "SHA1withRSA signature on " + INTERMEDIATE));
    }

    @Test
    void weakIntermediateKeyIsNamed() throws Exception {
        TestPki.Issued weak = TestPki.intermediate(INTERMEDIATE, TestPki.rsa(1024), root, "SHA256withRSA");
        TestPki.Issued leafOfWeak = TestPki.leaf("CN=www.example.test", leaf.keys(), weak, "SHA256withRSA",
                List.of(dns("www.example.test")), List.of());

        ChainReport report = check(List.of(leafOfWeak.der(), weak.der()), rootOnly);

        assertThat(report.findings()).containsExactly(new CertificateProblem(CertificateFinding.WEAK_KEY,
                "RSA 1024-bit key on " + INTERMEDIATE));
    }
}
