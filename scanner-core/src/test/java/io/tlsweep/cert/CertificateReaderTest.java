package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.cert.NameMatch.Outcome;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Key kinds the farm does not make, IP SAN text, and bytes that are not a certificate. */
public class CertificateReaderTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "00", "3003020100", "30820a0b0c0d", "2d2d2d2d2d424547494e"})
    void garbageIsAValue(String hex) throws Exception {
        byte[] bytes = HexFormat.of().parseHex(hex);

        ServedCertificate read = CertificateReader.read(bytes);

        assertThat(read).isInstanceOf(UnparseableCertificate.class);
        UnparseableCertificate bad = (UnparseableCertificate) read;
        assertThat(bad.length()).isEqualTo(bytes.length);
        assertThat(bad.sha256Fingerprint()).isEqualTo(FarmChainReportTest.sha256(bytes));
        assertThat(bad.reason()).isNotBlank();
    }

    /**
     * Found by fuzzing: an Ed25519 certificate whose key is a BIT STRING of no bytes makes JDK 17's parser throw
     * ArrayIndexOutOfBoundsException, which escaped the reader (and a hostile server could serve it).
     */
    public static final String EMPTY_ED25519_KEY =
            "308201053081b8a003020102020203ec300506032b657030233114300806035504031301793008060355040b13017831" +
            "0b3009060355040313026564301e170d3236313230313137313630385a170d3237313230323137313630385a30233114" +
            "300806035504031301793008060355040b130178310b3009060355040313026564302a300506032b6570030100000000" +
            "000001b4906f32930dd3c0d71c4b81c72bdb1e0a1b619c4e8af558d7eea310300e300c0603551d130101ff0402300030" +
            "0506032b657003410005b63b7df1cbbd8a1f2fa3782adcb1b0d65efa363d7ac44a368ffb9e48cd727d1c0f40639228c6" +
            "2e77ee55301d0893fab60f01b192ce28d1e1050f8b84b4f101";

    /**
     * Found by the long fuzzing run: a self-signed DSA certificate whose parameters make the JDK's DSA verifier
     * throw ArithmeticException ("BigInteger not invertible") while tlsweep checks whether it signed itself.
     */
    private static final String DSA_NOT_INVERTIBLE =
            "3082026630820224a003020102020203ed300b0609608648016503040302300e310c300a06035504031303647361301e" +
            "170d3236313230313137343835365a170d3237313230323137343835365a300e310c300a060355040313036473613082" +
            "01b83082012c06072a8648ce3804013082011f02818100fd7f53811d75122952df4a9c2eece4e7f611b7523cef4400c3" +
            "1e3f80b6512669455d402251fb593d8d58fabfc5f5ba30f6cb9b556cd7813b801d346ff26660b76b9950a5a49f9fe804" +
            "7b1022c24fbba9d7feb7c61bf83b57e7c6a8a6150f04fb83f6d3c51ec3023554135a169132f675f3ae2b61d72aeff222" +
            "03199dd14801c70215009760508f151c0bccb292b982a2eb840bf0581cf502818100f7e1a085d69b3ddecbbcab5c36b8" +
            "57b97994afbbfa3aea82f9574c0b3d0782675159578ebad4594fe67107108180b449167123e84c281613b7cf09328cc8" +
            "a6e13c167a8b547c8d28e0a3ae1e2bb3a675916ea37f0bfa213562f1fb627a01243bcca4f100a8519089a883dfe15ae5" +
            "9f06928b665e807b552564014c3bfecf492a0381850002818100d4c5a6d5c6c74a4dd2f352533496bcde074567a141e8" +
            "1019400d422d8fdfd69d707b8e84babf849b19f60461dae56b449e709cca4458cde9fd9f65b19ff135e4ec7f6200fafb" +
            "c21ed90755e67081c94165092dea82faef64f25fa0519c4974fb4c4d5cf2c10141c8d8f43329fc13bc02faecc2489db9" +
            "65304f6d8d89b012a624a310300e300c0603551d130101ff04023000300b0609608648016503040302032f00302c0214" +
            "50aa11ac2c6cd62708ba5aae94071ccc284d6f430214012da8340e87445c637e987abd70c58c56605e37";

    @Test
    void aSignatureTheJdkVerifierThrowsOnIsNotASignature() {
        byte[] der = HexFormat.of().parseHex(DSA_NOT_INVERTIBLE);

        ServedCertificate read = CertificateReader.read(der);

        assertThat(read).isInstanceOf(CertificateFacts.class);
        assertThat(((CertificateFacts) read).selfSigned()).isFalse();
    }

    @Test
    void aCertificateTheJdkParserThrowsOnIsUnparseableWithTheReason() {
        byte[] der = HexFormat.of().parseHex(EMPTY_ED25519_KEY);

        ServedCertificate read = CertificateReader.read(der);

        assertThat(read).isInstanceOf(UnparseableCertificate.class);
        assertThat(((UnparseableCertificate) read).reason()).startsWith("the JDK's parser failed: ");
        assertThat(((UnparseableCertificate) read).length()).isEqualTo(der.length);
    }

    @Test
    void truncatedAndPaddedCertificatesAreNotParseable() throws Exception {
        byte[] der = TestPki.root("CN=r", TestPki.ec("secp256r1")).der();
        byte[] padded = Arrays.copyOf(der, der.length + 2);

        assertThat(CertificateReader.read(Arrays.copyOf(der, der.length - 10)))
                .isInstanceOf(UnparseableCertificate.class);
        assertThat(CertificateReader.read(padded)).isEqualTo(new UnparseableCertificate(padded.length,
                FarmChainReportTest.sha256(padded), "2 bytes after the certificate"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "EC,    secp384r1, SHA384withECDSA, EC,    384, secp384r1, false, EC 384-bit (secp384r1)",
            "EC,    secp521r1, SHA256withECDSA, EC,    521, secp521r1, false, EC 521-bit (secp521r1)",
            "Ed25519, -,       Ed25519,         EDDSA, 255, Ed25519,   false, EdDSA (Ed25519)",
            "Ed448,   -,       Ed448,           EDDSA, 448, Ed448,     false, EdDSA (Ed448)",
            "DSA,   1024,      SHA256withDSA,   DSA,  1024, -,         true,  DSA 1024-bit",
            "DSA,   2048,      SHA256withDSA,   DSA,  2048, -,         false, DSA 2048-bit",
            "RSA,   1024,      MD5withRSA,      RSA,  1024, -,         true,  RSA 1024-bit",
    })
    void keyKinds(String algorithm, String parameter, String sigAlg, KeyAlgorithm kind, int bits, String curve,
                  boolean weak, String description) throws Exception {
        KeyPair keys = algorithm.equals("EC") ? TestPki.ec(parameter)
                : TestPki.generate(algorithm, parameter.equals("-") ? 0 : Integer.parseInt(parameter));

        CertificateFacts facts = (CertificateFacts) CertificateReader.read(
                TestPki.leaf("CN=k", keys, null, sigAlg, List.of(), List.of()).der());

        assertThat(facts.key().algorithm()).isEqualTo(kind);
        assertThat(facts.key().bits()).isEqualTo(bits);
        assertThat(facts.key().curve()).isEqualTo(Optional.of(curve).filter(c -> !c.equals("-")));
        assertThat(facts.key().weak()).isEqualTo(weak);
        assertThat(facts.key().describe()).isEqualTo(description);
        assertThat(facts.signature().algorithm()).isEqualTo(sigAlg);
        assertThat(facts.selfSigned()).isTrue();
    }

    @Test
    void ecCurveOf224BitsIsNotWeakButSmallerIs() {
        assertThat(new KeyFacts(KeyAlgorithm.EC, 224, Optional.of("secp224r1"), "EC").weak()).isFalse();
        assertThat(new KeyFacts(KeyAlgorithm.EC, 192, Optional.of("secp192r1"), "EC").weak()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"SHA256withRSA, false, false", "SHA1withRSA, true, false", "SHA1withECDSA, true, false",
            "MD5withRSA, false, true", "MD2withRSA, false, true", "RSASSA-PSS, false, false", "Ed25519, false, false"})
    void signatureHashes(String algorithm, boolean sha1, boolean md5) {
        assertThat(SignatureFacts.of(algorithm)).isEqualTo(new SignatureFacts(algorithm, sha1, md5));
    }

    @Test
    void anIpSanOfAnotherLengthIsShownByItsLengthAndMatchesNoAddress() throws Exception {
        TestPki.Issued issuer = TestPki.root("CN=root", TestPki.ec("secp256r1"));
        GeneralName ipWithMask = new GeneralName(GeneralName.iPAddress,
                new DEROctetString(new byte[] {10, 0, 0, 1, (byte) 255, (byte) 255, (byte) 255, (byte) 255}));
        TestPki.Issued cert = TestPki.leaf("CN=odd", TestPki.ec("secp256r1"), issuer, "SHA256withECDSA",
                List.of(ipWithMask, TestPki.ip("10.0.0.2")), List.of());

        CertificateFacts facts = (CertificateFacts) CertificateReader.read(cert.der());

        assertThat(facts.ipAddresses()).containsExactly("?8-byte address", "10.0.0.2");
        assertThat(HostnameMatcher.match(facts, Optional.of("10.0.0.1")).outcome()).isEqualTo(Outcome.MISMATCHED);
        assertThat(HostnameMatcher.match(facts, Optional.of("10.0.0.2")).outcome()).isEqualTo(Outcome.MATCHED);
    }

    @Test
    void ipSansAreCanonicalAndSelfIssuedWithAnotherKeyIsNotSelfSigned() throws Exception {
        TestPki.Issued issuer = TestPki.root("CN=same", TestPki.ec("secp256r1"));
        TestPki.Issued cert = TestPki.leaf("CN=same", TestPki.ec("secp256r1"), issuer, "SHA256withECDSA",
                List.of(TestPki.ip("2001:0db8:0:0:0:0:0:1"), TestPki.ip("::ffff:192.0.2.1"), TestPki.ip("10.0.0.1"),
                        TestPki.ip("fe80:0:0:1:0:0:0:0"), TestPki.dns("x.example")), List.of());

        CertificateFacts facts = (CertificateFacts) CertificateReader.read(cert.der());

        assertThat(facts.ipAddresses()).containsExactly("2001:db8::1", "::ffff:192.0.2.1", "10.0.0.1", "fe80:0:0:1::");
        assertThat(facts.dnsNames()).containsExactly("x.example");
        assertThat(facts.subject()).isEqualTo(facts.issuer());
        assertThat(facts.selfSigned()).isFalse();
        assertThat(facts.certificateAuthority()).isFalse();
        assertThat(((CertificateFacts) CertificateReader.read(issuer.der())).certificateAuthority()).isTrue();
    }
}
