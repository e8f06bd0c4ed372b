package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.run.InputFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading anchors: JDK defaults, PEM bundles, their union, and files that are not bundles. */
class TrustAnchorsTest {

    @TempDir
    Path dir;
    private static TestPki.Issued first;
    private static TestPki.Issued second;

    @BeforeAll
    static void makeCas() throws Exception {
        first = TestPki.root("CN=First CA", TestPki.ec("secp256r1"));
        second = TestPki.root("CN=Second CA", TestPki.ec("secp256r1"));
    }

    private static String pem(TestPki.Issued ca) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.der())
                + "\n-----END CERTIFICATE-----\n";
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    @Test
    void bundleWithCommentsBetweenBlocks() throws Exception {
        Path bundle = file("bundle.pem", "# First CA\n" + pem(first) + "\nSecond CA\n=========\n" + pem(second));

        AnchorLoad load = InputFiles.caBundle(bundle);

        assertThat(load).isInstanceOf(AnchorLoad.Loaded.class);
        TrustAnchors anchors = ((AnchorLoad.Loaded) load).anchors();
        assertThat(anchors.certificates()).containsExactly(first.certificate(), second.certificate());
        assertThat(anchors.source()).isEqualTo(bundle.toString());
    }

    @Test
    void missingFileNamesTheFile() {
        Path missing = dir.resolve("nope.pem");

        AnchorLoad load = InputFiles.caBundle(missing);

        assertThat(load).isEqualTo(new AnchorLoad.Failed(missing.toString(), "no such file"));
        assertThat(((AnchorLoad.Failed) load).message())
                .isEqualTo("cannot load trust anchors from " + missing + ": no such file");
    }

    @Test
    void textThatIsNotPem() throws Exception {
        Path notPem = file("notes.txt", "this is not a certificate\n");

        AnchorLoad load = InputFiles.caBundle(notPem);

        assertThat(load).isInstanceOf(AnchorLoad.Failed.class);
        assertThat(((AnchorLoad.Failed) load).source()).isEqualTo(notPem.toString());
        assertThat(((AnchorLoad.Failed) load).reason()).startsWith("not a PEM certificate bundle: ");
    }

    /** Found by fuzzing: a bundle holding a certificate the JDK's parser throws on stopped --ca-file with it. */
    @Test
    void aCertificateTheJdkParserThrowsOnFailsTheBundleWithTheReason() throws Exception {
        byte[] der = java.util.HexFormat.of().parseHex(CertificateReaderTest.EMPTY_ED25519_KEY);
        Path bundle = file("ed.pem", "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");

        AnchorLoad load = InputFiles.caBundle(bundle);

        assertThat(load).isInstanceOf(AnchorLoad.Failed.class);
        assertThat(((AnchorLoad.Failed) load).reason())
                .startsWith("not a PEM certificate bundle: the JDK's parser failed: ");
    }

    @Test
    void brokenBase64InsideABlock() throws Exception {
        Path broken = file("broken.pem", "-----BEGIN CERTIFICATE-----\nAAAA!!!!\n-----END CERTIFICATE-----\n");

        assertThat(((AnchorLoad.Failed) InputFiles.caBundle(broken)).reason())
                .startsWith("not a PEM certificate bundle: ");
    }

    @Test
    void emptyFileAndDirectory() throws Exception {
        Path empty = file("empty.pem", "");

        assertThat(InputFiles.caBundle(empty)).isEqualTo(new AnchorLoad.Failed(empty.toString(),
                "no certificate in it (expected PEM blocks -----BEGIN CERTIFICATE-----)"));
        assertThat(((AnchorLoad.Failed) InputFiles.caBundle(dir)).reason()).startsWith("cannot read it: ");
    }

    @Test
    void jdkDefaultsAndTheirUnionWithABundle() throws Exception {
        Path bundle = file("one.pem", pem(first));

        TrustAnchors jdk = ((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors();
        TrustAnchors both = ((AnchorLoad.Loaded) InputFiles.jdkDefaultsAnd(bundle)).anchors();

        assertThat(jdk.certificates()).isNotEmpty().doesNotContain(first.certificate());
        assertThat(both.certificates()).hasSize(jdk.certificates().size() + 1).contains(first.certificate());
        assertThat(both.source()).isEqualTo("JDK default trust store + " + bundle);
        assertThat(InputFiles.jdkDefaultsAnd(dir.resolve("x.pem")))
                .isEqualTo(new AnchorLoad.Failed(dir.resolve("x.pem").toString(), "no such file"));
    }

    @Test
    void theJdkStoreReadOnFirstUseHoldsWhatItHoldsReadAtOnce() {
        TrustAnchors now = ((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors();
        TrustAnchors later = ((AnchorLoad.Loaded) TrustAnchors.jdkDefaultsWhenUsed()).anchors();
        TrustAnchors withOne = later.plus(TrustAnchors.of("one", java.util.List.of(first.certificate())));

        assertThat(later.source()).isEqualTo(now.source());
        assertThat(later.certificates()).isNotEmpty().containsExactlyElementsOf(now.certificates());
        assertThat(withOne.certificates()).hasSize(now.certificates().size() + 1).endsWith(first.certificate());
        assertThat(withOne.contains(first.certificate())).isTrue();
        assertThat(withOne.hasSubject(first.certificate().getSubjectX500Principal())).isTrue();
        assertThat(withOne.pkixAnchors()).hasSize(now.certificates().size() + 1);
    }

    @Test
    void duplicatesCollapse() {
        TrustAnchors once = TrustAnchors.of("a", java.util.List.of(first.certificate()));

        assertThat(once.plus(once).certificates()).containsExactly(first.certificate());
    }
}
