package io.tlsweep.cert;

import static io.tlsweep.cert.TestPki.dns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile servers send whatever bytes they like: randomly mutated certificates (seeded, so a failure
 * repeats) must come out as facts or as an unparseable value, never as an exception. An earlier run of
 * this over 60,000 mutations found Bouncy Castle's {@code IllegalStateException} on malformed SANs.
 */
class MutatedChainTest {

    @Test
    void mutatedCertificatesNeverThrow() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Mutation Root", TestPki.rsa(2048));
        TestPki.Issued intermediate = TestPki.intermediate("CN=Mutation CA", TestPki.ec("secp256r1"), root,
                "SHA256withRSA");
        TestPki.Issued leaf = TestPki.leaf("CN=leaf", TestPki.ec("secp256r1"), intermediate, "SHA256withECDSA",
                List.of(dns("*.example.test"), TestPki.ip("::1")), List.of("http://pki.example.test/ca.crt"));
        List<byte[]> seeds = List.of(leaf.der(), intermediate.der(), root.der());
        ChainPolicy policy = ChainPolicy.of(TrustAnchors.of("root", List.of(root.certificate())));
        Random random = new Random(20_240_601);
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = seeds.get(i % 3).clone();
            for (int flips = 1 + random.nextInt(6); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            ChainReport report = ChainReport.of(List.of(mutated, seeds.get((i + 1) % 3)),
                    Optional.of(i % 2 == 0 ? "a.example.test" : "::1"), Instant.now(), policy);
            parsed += report.chain().get(0) instanceof CertificateFacts ? 1 : 0;
        }
        assertThat(parsed).as("some mutations still parse, so the later steps are exercised").isGreaterThan(300);
    }
}
