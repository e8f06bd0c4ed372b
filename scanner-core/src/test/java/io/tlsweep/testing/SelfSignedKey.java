package io.tlsweep.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh key and a self-signed certificate for a test server on loopback ({@code CN=localhost}, SAN
 * {@code localhost} and {@code 127.0.0.1}, valid from an hour ago for two days), written where the server reads
 * it: PEM files for {@code gnutls-serv}, a PKCS#12 store for a JDK server.
 */
public record SelfSignedKey(KeyPair keys, X509Certificate certificate) {

    public static SelfSignedKey rsa2048() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return issue(g.generateKeyPair(), "SHA256withRSA");
    }

    public static SelfSignedKey ecdsaP256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return issue(g.generateKeyPair(), "SHA256withECDSA");
    }

    private static SelfSignedKey issue(KeyPair keys, String signatureAlgorithm) throws GeneralSecurityException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=localhost");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            return new SelfSignedKey(keys, new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(keys.getPrivate()))));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot sign a test certificate with " + signatureAlgorithm, e);
        }
    }

    /** Writes the certificate and the private key as PEM files. */
    public void writePem(Path certificateFile, Path keyFile) throws IOException {
        writePem(certificateFile, certificate);
        writePem(keyFile, keys.getPrivate());
    }

    private static void writePem(Path file, Object value) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(value);
        }
    }

    /** Writes every key, each under its own alias, into one PKCS#12 store. */
    public static void writePkcs12(Path file, char[] password, List<SelfSignedKey> entries)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (SelfSignedKey e : entries) {
            store.setKeyEntry("key" + i++, e.keys().getPrivate(), password, new Certificate[] {e.certificate()});
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }
}
