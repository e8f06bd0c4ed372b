package io.tlsweep.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.ftp.FtpFacts;
import io.tlsweep.prelude.ldap.LdapFacts;
import io.tlsweep.prelude.mysql.MysqlFacts;
import io.tlsweep.prelude.postgres.PostgresFacts;
import io.tlsweep.prelude.rdp.RdpFacts;
import io.tlsweep.prelude.rdp.SecurityProtocol;
import io.tlsweep.prelude.smtp.SmtpFacts;
import io.tlsweep.prelude.tds.Encryption;
import io.tlsweep.prelude.tds.SqlServerVersion;
import io.tlsweep.prelude.tds.TdsFacts;
import io.tlsweep.prelude.xmpp.XmppFacts;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.ScanStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a prelude tells of the service becomes findings: no TLS at all, and plain-text logins before TLS. */
class PreludeFindingsTest {
    private static final SqlServerVersion SQL_2008_R2 = new SqlServerVersion(10, 50, 1600, 0);

    @Test
    void anSmtpServerOfferingPlainAndLoginBeforeStarttlsIsFoundOnceWithBoth() {
        SmtpFacts facts = new SmtpFacts("smtp", "220 mx.test ESMTP", Optional.of(true),
                List.of("CRAM-MD5", "PLAIN", "LOGIN"));
        assertThat(EndpointFindings.ofPrelude(facts)).containsExactly(new Finding(
                FindingKind.PLAIN_TEXT_AUTH_BEFORE_TLS, "smtp offers AUTH PLAIN, AUTH LOGIN before TLS"));
    }

    @Test
    void anSmtpServerWithoutStarttlsLetsMailInWithoutTls() {
        SmtpFacts facts = new SmtpFacts("smtp", "220 mx.test ESMTP", Optional.of(false), List.of());
        assertThat(EndpointFindings.ofPrelude(facts)).containsExactly(new Finding(FindingKind.SERVICE_WITHOUT_TLS,
                "smtp: STARTTLS not offered"));
    }

    @Test
    void whatTheServerHasNotSaidYetIsNoFinding() {
        assertThat(EndpointFindings.ofPrelude(new SmtpFacts("smtp", "220 mx.test", Optional.empty(), List.of())))
                .isEmpty();
        assertThat(EndpointFindings.ofPrelude(new FtpFacts("220 (vsFTPd 3.0.3)", Optional.empty()))).isEmpty();
        assertThat(EndpointFindings.ofPrelude(new TdsFacts(Encryption.ON, Optional.empty(), Optional.empty())))
                .isEmpty();
    }

    @Test
    void rdpWithStandardSecurityOnlyAndSqlServerWithoutEncryptionAreServicesWithoutTls() {
        RdpFacts standardOnly = new RdpFacts(EnumSet.of(SecurityProtocol.SSL, SecurityProtocol.HYBRID),
                Optional.of(new RdpFacts.Confirm.WithoutNegotiation()));
        assertThat(EndpointFindings.ofPrelude(standardOnly)).containsExactly(new Finding(
                FindingKind.SERVICE_WITHOUT_TLS, "rdp: standard RDP security only"));
        RdpFacts tls = new RdpFacts(EnumSet.of(SecurityProtocol.SSL),
                Optional.of(new RdpFacts.Confirm.Selected(SecurityProtocol.SSL)));
        assertThat(EndpointFindings.ofPrelude(tls)).isEmpty();

        TdsFacts notSupported = new TdsFacts(Encryption.ON, Optional.of(SQL_2008_R2), Optional.of(Encryption.NOT_SUP));
        assertThat(EndpointFindings.ofPrelude(notSupported)).containsExactly(new Finding(
                FindingKind.SERVICE_WITHOUT_TLS, "mssql: PRELOGIN ENCRYPT_NOT_SUP: logins travel without TLS"));
        assertThat(EndpointFindings.ofPrelude(new TdsFacts(Encryption.ON, Optional.of(SQL_2008_R2),
                Optional.of(Encryption.REQ)))).isEmpty();
    }

    @Test
    void directoryDatabaseAndXmppServicesWithoutTlsAndXmppPlainBeforeTls() {
        assertThat(EndpointFindings.ofPrelude(new LdapFacts(2, ""))).containsExactly(new Finding(
                FindingKind.SERVICE_WITHOUT_TLS, "ldap: StartTLS answered protocolError"));
        assertThat(EndpointFindings.ofPrelude(new LdapFacts(0, ""))).isEmpty();
        assertThat(EndpointFindings.ofPrelude(new PostgresFacts('N', Optional.empty(), Optional.empty(),
                Optional.empty()))).containsExactly(new Finding(FindingKind.SERVICE_WITHOUT_TLS,
                        "postgres: SSLRequest answered N"));
        MysqlFacts.Greeting noSsl = new MysqlFacts.Greeting(10, "10.11.19-MariaDB", 0xF7FFL & ~MysqlFacts.CLIENT_SSL,
                Optional.empty());
        assertThat(EndpointFindings.ofPrelude(new MysqlFacts(Optional.of(noSsl), Optional.empty())))
                .containsExactly(new Finding(FindingKind.SERVICE_WITHOUT_TLS,
                        "mysql: the greeting has no CLIENT_SSL"));

        XmppFacts.Features optional = new XmppFacts.Features(true, false, List.of("SCRAM-SHA-1", "PLAIN"), true,
                List.of("starttls", "mechanisms", "auth"));
        assertThat(EndpointFindings.ofPrelude(xmpp(optional))).containsExactly(new Finding(
                FindingKind.PLAIN_TEXT_AUTH_BEFORE_TLS, "xmpp offers SASL PLAIN, iq-auth before TLS"));
        XmppFacts.Features required = new XmppFacts.Features(true, true, List.of("PLAIN"), false,
                List.of("starttls", "mechanisms"));
        assertThat(EndpointFindings.ofPrelude(xmpp(required))).as("no login before the required STARTTLS")
                .isEmpty();
    }

    private static XmppFacts xmpp(XmppFacts.Features features) {
        return new XmppFacts("xmpp", Optional.of("chat.test"), Optional.of("1.0"), Optional.of(features),
                Optional.empty(), Optional.empty());
    }

    @Test
    void bothKindsArePartOfTheOneTaxonomy() {
        assertThat(FindingKinds.all(io.tlsweep.check.Checks.BUILT_IN)).contains(FindingKind.SERVICE_WITHOUT_TLS,
                FindingKind.PLAIN_TEXT_AUTH_BEFORE_TLS);
    }

    /** A service that answered and offers no TLS is neither unreachable nor a legacy problem: its own verdict. */
    @Test
    void aServiceWithoutTlsHasItsOwnVerdictSayingWhatTheServiceSaid() {
        RdpFacts standardOnly = new RdpFacts(EnumSet.of(SecurityProtocol.SSL, SecurityProtocol.HYBRID,
                SecurityProtocol.HYBRID_EX), Optional.of(new RdpFacts.Confirm.Selected(SecurityProtocol.STANDARD_RDP)));
        Assessment rdp = Readiness.assess(ResultBuilder.failed(ScanStatus.TLS_NOT_OFFERED, Failure.of(
                FailureKind.PRELUDE_TLS_NOT_OFFERED, "the server selected standard RDP security")).withPrelude(
                Optional.of(standardOnly)));
        assertThat(rdp.verdict()).isEqualTo(Verdict.TLS_NOT_OFFERED);
        assertThat(rdp.reason()).isEqualTo("rdp: standard RDP security only: no TLS to retire, its clients connect"
                + " without TLS (prelude-tls-not-offered: the server selected standard RDP security)");
        assertThat(rdp.findings()).containsExactly(new Finding(FindingKind.SERVICE_WITHOUT_TLS,
                "rdp: standard RDP security only"));

        Assessment smtp = Readiness.assess(ResultBuilder.failed(ScanStatus.TLS_NOT_OFFERED, Failure.of(
                FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not among the extensions")).withPrelude(Optional.of(
                new SmtpFacts("smtp", "220 mx.test ESMTP", Optional.of(false), List.of()))));
        assertThat(smtp.verdict()).isEqualTo(Verdict.TLS_NOT_OFFERED);
        assertThat(smtp.reason()).startsWith("smtp: STARTTLS not offered: no TLS to retire");
    }

    /** Where a source gives the words of the Windows client for a service without TLS, the reason has them. */
    @Test
    void aServiceWithoutTlsSaysWhatAWindowsClientThatRequiresTlsShowsWhereItIsKnown() {
        Failure noStarttls = Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "STARTTLS is not among the extensions");
        Optional<PreludeFacts> smtpFacts = Optional.of(new SmtpFacts("smtp", "220 mx.test ESMTP", Optional.of(false),
                List.of()));
        Assessment smtp = Readiness.assess(ResultBuilder.failed(ScanStatus.TLS_NOT_OFFERED, noStarttls, "smtp")
                .withPrelude(smtpFacts));
        assertThat(smtp.reason()).endsWith("(prelude-tls-not-offered: STARTTLS is not among the extensions); a"
                + " Windows client that requires TLS shows SmtpException \"Server does not support secure"
                + " connections.\"");

        Assessment rdp = Readiness.assess(ResultBuilder.failed(ScanStatus.TLS_NOT_OFFERED, Failure.of(
                FailureKind.PRELUDE_TLS_NOT_OFFERED, "the server selected standard RDP security"), "rdp"));
        assertThat(rdp.reason()).as("no sourced wording for the RDP client: none is made up")
                .endsWith("(prelude-tls-not-offered: the server selected standard RDP security)");
    }
}
