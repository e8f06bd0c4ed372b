package io.tlsweep.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.wire.CipherSuite;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextStepsTest {
    private static final CipherSuite GCM = CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow();
    private static final CipherSuite CBC = CipherSuite.byName("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA").orElseThrow();
    private static final CipherSuite RC4 = CipherSuite.byName("TLS_RSA_WITH_RC4_128_SHA").orElseThrow();
    private static final CipherSuite DES3 = CipherSuite.byName("TLS_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow();
    private static final CipherSuite ANON = CipherSuite.byName("TLS_DH_anon_WITH_AES_128_CBC_SHA").orElseThrow();
    private static final CipherSuite NULL = CipherSuite.byName("TLS_RSA_WITH_NULL_SHA256").orElseThrow();
    private static final CipherSuite EXPORT = CipherSuite.byName("TLS_RSA_EXPORT_WITH_RC4_40_MD5").orElseThrow();
    private static final Optional<SoftwareGuess> UNKNOWN = Optional.empty();

    /** What a prelude tells, with no HTTP Server header. */
    private static Optional<SoftwareGuess> told(Optional<String> protocol, Optional<String> banner) {
        return SoftwareGuess.of(protocol, banner, Optional.empty());
    }

    private static Optional<SoftwareGuess> known(Software s) {
        return Optional.of(new SoftwareGuess(s, "test"));
    }

    @Test
    void aLegacyEnabledEndpointOfUnknownSoftwareGetsTheGenericStepAndNoSource() {
        List<NextStep> steps = NextSteps.of(Verdict.LEGACY_ENABLED, List.of("TLSv1.0", "TLSv1.1", "TLSv1.2"),
                List.of(GCM, CBC), UNKNOWN);
        assertThat(steps).containsExactly(new NextStep("switch off TLSv1.0, TLSv1.1", NextSteps.UNKNOWN_WHERE,
                Optional.empty()));
        assertThat(NextSteps.UNKNOWN_WHERE).startsWith("the server's TLS settings (").contains("e.g. nginx");
    }

    @Test
    void eachKnownSoftwareSaysWhereTheVersionsAreSetWithItsSource() {
        List<String> versions = List.of("TLSv1.0", "TLSv1.2");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.NGINX)).get(0))
                .isEqualTo(new NextStep("switch off TLSv1.0", "ssl_protocols TLSv1.2 TLSv1.3; in the http or server"
                        + " block (test)", Optional.of("https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols")));
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.APACHE)).get(0).where())
                .isEqualTo("SSLProtocol -all +TLSv1.2 +TLSv1.3 (test)");
        NextStep postfix = NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.POSTFIX)).get(0);
        assertThat(postfix.where()).contains("smtpd_tls_protocols = >=TLSv1.2")
                .contains("smtpd_tls_mandatory_protocols = >=TLSv1.2");
        assertThat(postfix.source()).hasValue("https://www.postfix.org/postconf.5.html#smtpd_tls_protocols");
        NextStep schannel = NextSteps.of(Verdict.LEGACY_ENABLED, List.of("TLSv1.0", "TLSv1.1", "TLSv1.2"),
                List.of(GCM), known(Software.SCHANNEL)).get(0);
        assertThat(schannel.where()).isEqualTo("registry HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders"
                + "\\SCHANNEL\\Protocols\\<version>\\Server for TLS 1.0, TLS 1.1: Enabled=0 and DisabledByDefault=1"
                + " (DWORD), then restart (test)");
        assertThat(schannel.source()).hasValue(
                "https://learn.microsoft.com/en-us/windows-server/security/tls/tls-registry-settings");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.SCHANNEL)).get(0)
                .where()).contains("\\Protocols\\TLS 1.0\\Server: Enabled=0 and DisabledByDefault=1");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.DOVECOT)).get(0)
                .where()).isEqualTo("10-ssl.conf: ssl_min_protocol = TLSv1.2 (Dovecot 2.3 and later) (test)");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.HAPROXY)).get(0)
                .where()).startsWith("ssl-min-ver TLSv1.2 on the bind line");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, versions, List.of(GCM), known(Software.OPENSSL)).get(0)
                .where()).contains("MinProtocol = TLSv1.2");
        assertThat(NextSteps.of(Verdict.LEGACY_ENABLED, List.of("SSLv3", "TLSv1.0", "TLSv1.2"), List.of(GCM),
                known(Software.JAVA)).get(0).where()).contains("add SSLv3, TLSv1 to jdk.tls.disabledAlgorithms");
        for (Software s : Software.values()) {
            assertThat(s.source()).as(s.name()).startsWith("https://");
            assertThat(s.suitesSource()).as(s.name()).startsWith("https://");
        }
    }

    @Test
    void anEndpointThatBreaksGetsTls12TurnedOnThenItsLegacyVersionsOff() {
        List<NextStep> steps = NextSteps.of(Verdict.BREAKS_WITHOUT_LEGACY, List.of("TLSv1.0"), List.of(CBC),
                known(Software.SCHANNEL));
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).step()).isEqualTo("enable TLS 1.2 (and 1.3) with ECDHE AES-GCM suites, then switch"
                + " off TLSv1.0");
        assertThat(steps.get(0).where()).contains("\\Protocols\\TLS 1.2\\Server: Enabled=1 and DisabledByDefault=0");
        assertThat(NextSteps.of(Verdict.BREAKS_WITHOUT_LEGACY, List.of("TLSv1.0"), List.of(CBC), UNKNOWN).get(0)
                .where()).isEqualTo(NextSteps.UNKNOWN_WHERE);
    }

    @Test
    void legacySuitesOnlyGetModernSuitesTurnedOnAndTheBrokenOnesRemovedByName() {
        List<NextStep> steps = NextSteps.of(Verdict.NO_COMMON_ALGORITHM_RISK, List.of("TLSv1.2"), List.of(DES3, RC4),
                known(Software.NGINX));
        assertThat(steps).extracting(NextStep::step).containsExactly(
                "enable ECDHE AES-GCM suites for TLS 1.2 (e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)",
                "remove RC4/3DES suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_RSA_WITH_RC4_128_SHA");
        assertThat(steps).allSatisfy(s -> assertThat(s.where()).startsWith("ssl_ciphers"));
        assertThat(steps.get(1).source()).hasValue("https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers");
    }

    @Test
    void aReadyEndpointGetsNothingUnlessItAcceptsABrokenSuite() {
        assertThat(NextSteps.of(Verdict.READY, List.of("TLSv1.2", "TLSv1.3"), List.of(GCM, CBC), UNKNOWN)).isEmpty();
        List<NextStep> steps = NextSteps.of(Verdict.LEGACY_ENABLED, List.of("TLSv1.0", "TLSv1.2"),
                List.of(GCM, ANON, NULL, EXPORT, RC4, DES3), UNKNOWN);
        assertThat(steps).extracting(NextStep::step).containsExactly("switch off TLSv1.0",
                "remove NULL/anonymous/export/RC4/3DES suites: TLS_DH_anon_WITH_AES_128_CBC_SHA,"
                        + " TLS_RSA_WITH_NULL_SHA256, TLS_RSA_EXPORT_WITH_RC4_40_MD5, TLS_RSA_WITH_RC4_128_SHA and 1"
                        + " more");
        assertThat(NextSteps.of(Verdict.READY, List.of("TLSv1.2"), List.of(GCM, DES3), UNKNOWN))
                .extracting(NextStep::step).containsExactly("remove 3DES suites: TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    }

    @Test
    void verdictsWithoutTlsToChangeGetNoStep() {
        for (Verdict v : List.of(Verdict.UNREACHABLE, Verdict.NOT_TLS, Verdict.TLS_NOT_OFFERED, Verdict.INCONSISTENT,
                Verdict.EXCLUDED, Verdict.READY)) {
            assertThat(NextSteps.of(v, List.of(), List.of(), known(Software.NGINX))).as(v.label()).isEmpty();
        }
    }

    @Test
    void theSoftwareIsToldOnlyFromWhatTheServiceSaid() {
        assertThat(told(Optional.of("rdp"), Optional.empty())).map(SoftwareGuess::software)
                .hasValue(Software.SCHANNEL);
        assertThat(told(Optional.of("mssql"), Optional.empty())).map(SoftwareGuess::software)
                .hasValue(Software.SCHANNEL);
        assertThat(told(Optional.of("smtp"), Optional.of("220 mx.example ESMTP Postfix (Debian/GNU)")))
                .map(SoftwareGuess::software).hasValue(Software.POSTFIX);
        assertThat(told(Optional.of("smtp"), Optional.of("220 ex.example Microsoft ESMTP MAIL Service"
                + " ready"))).map(SoftwareGuess::software).hasValue(Software.SCHANNEL);
        assertThat(told(Optional.of("imap"), Optional.of("Dovecot (Debian) ready.")))
                .map(SoftwareGuess::software).hasValue(Software.DOVECOT);
        assertThat(told(Optional.of("pop3"), Optional.of("Dovecot ready."))).map(SoftwareGuess::software)
                .hasValue(Software.DOVECOT);
        assertThat(told(Optional.of("ftp"), Optional.of("Microsoft FTP Service")))
                .map(SoftwareGuess::software).hasValue(Software.SCHANNEL);
        assertThat(told(Optional.of("smtp"), Optional.of("220 mx.example ESMTP Exim 4.96"))).isEmpty();
        assertThat(told(Optional.of("imap"), Optional.of("Postfix"))).as("a name in another protocol")
                .isEmpty();
        assertThat(told(Optional.empty(), Optional.of("Postfix"))).isEmpty();
        assertThat(told(Optional.of("postgres"), Optional.empty())).isEmpty();
    }
}
