package io.tlsweep.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.cert.CertificateFinding;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateMarkTest {

    @Test
    void theMarkNamesEachCertificateProblemShortly() {
        CertificateMark m = CertificateMark.of(List.of("cbc-lucky13", "cert-expired", "cert-weak-key")).orElseThrow();
        assertThat(m.text()).isEqualTo("⚠ cert: expired, weak key");
        assertThat(m.labels()).containsExactly("expired", "weak key");
        assertThat(m.titles()).isEqualTo("expired: the leaf certificate has expired; weak key: a key below 2048 bits"
                + " (RSA, DSA) or 224 bits (EC)");
    }

    @Test
    void selfSignedSaysWhyItIsUntrusted() {
        assertThat(CertificateMark.of(List.of("cert-self-signed", "cert-untrusted")).orElseThrow().text())
                .isEqualTo("⚠ cert: self-signed");
        assertThat(CertificateMark.of(List.of("cert-untrusted")).orElseThrow().text()).isEqualTo("⚠ cert: untrusted");
    }

    @Test
    void noCertificateFindingNoMark() {
        assertThat(CertificateMark.of(List.of("cbc-lucky13", "client-order"))).isEmpty();
        assertThat(CertificateMark.of(List.of())).isEmpty();
    }

    @Test
    void everyFindingHasItsOwnShortLabel() {
        assertThat(Arrays.stream(CertificateFinding.values()).map(CertificateMark::shortLabel).distinct())
                .hasSize(CertificateFinding.values().length);
    }
}
