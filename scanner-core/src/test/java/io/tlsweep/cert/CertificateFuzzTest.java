package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.report.ChainJson;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.Vectors;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of what tlsweep does with certificate bytes a server served: {@link CertificateReader}
 * and the {@link ChainReport} built on it (name match, path validation, findings), and its JSON. Properties:
 * no exception for any bytes; bytes the JDK cannot read are an {@link UnparseableCertificate} with their
 * length and fingerprint; the report of a chain holds one entry per served blob, in order.
 *
 * <p>The JDK's X.509 parser is not instrumented (only tlsweep's classes are), so for the bytes inside a
 * certificate this is closer to mutation fuzzing than to coverage-guided fuzzing.
 */
@Tag("fuzz")
public class CertificateFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final X509Certificate ANCHOR = anchor();
    private static final ChainPolicy POLICY = ChainPolicy.of(TrustAnchors.of("fuzz anchor", List.of(ANCHOR)));

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void servedBytesGiveFactsOrAReason(byte[] der) throws Exception {
        ServedCertificate read = CertificateReader.read(der);
        if (read instanceof UnparseableCertificate bad) {
            assertThat(bad.length()).isEqualTo(der.length);
            assertThat(bad.sha256Fingerprint()).isEqualTo(CertificateReader.sha256(der));
            assertThat(bad.reason()).isNotNull();
        } else {
            CertificateFacts facts = (CertificateFacts) read;
            assertThat(facts.sha256Fingerprint()).isEqualTo(CertificateReader.sha256(der));
        }
        for (Optional<String> name : List.of(Optional.of("test.example"), Optional.of("127.0.0.1"),
                Optional.<String>empty())) {
            List<byte[]> served = List.of(der, ANCHOR.getEncoded());
            ChainReport report = ChainReport.of(served, name, NOW, POLICY);
            assertThat(report.chain()).hasSize(2);
            assertThat(report.chain().get(0).sha256Fingerprint()).isEqualTo(CertificateReader.sha256(der));
            assertThat(ChainJson.of(report, false)).isNotNull();
        }
        ChainReport alone = ChainReport.of(List.of(der), Optional.of("test.example"), NOW, POLICY);
        assertThat(alone.leaf().isPresent()).isEqualTo(read instanceof CertificateFacts);
    }

    /** Certificates as servers sent them (from the captured flights) and the kinds the farm does not serve. */
    public static Stream<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String vector : Vectors.names(".server.hex")) {
            if (ServerResponseDecoder.finish(Vectors.load(vector)) instanceof ServerHello hello) {
                seeds.addAll(hello.flight().certificates());
            }
        }
        TestPki.Issued root = TestPki.root("CN=Fuzz Root,O=tlsweep", TestPki.ec("secp256r1"));
        seeds.add(root.der());
        seeds.add(TestPki.leaf("CN=test.example", TestPki.rsa(1024), root, "SHA256withECDSA",
                List.of(TestPki.dns("test.example"), TestPki.dns("*.test.example"), TestPki.ip("127.0.0.1"),
                        TestPki.ip("::1")), List.of("http://127.0.0.1/ca.der")).der());
        seeds.add(TestPki.leaf("CN=ed,OU=x+CN=y", TestPki.generate("Ed25519", 0), null, "Ed25519", List.of(),
                List.of()).der());
        seeds.add(TestPki.leaf("CN=dsa", TestPki.generate("DSA", 1024), null, "SHA256withDSA", List.of(),
                List.of()).der());
        return seeds.stream();
    }

    private static X509Certificate anchor() {
        try {
            return TestPki.root("CN=Fuzz Anchor", TestPki.ec("secp256r1")).certificate();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test anchor", e);
        }
    }
}
