package io.tlsweep.result;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.wire.AlertDescription;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On an endpoint where a protocol is spoken before TLS, a failure is told in the words of that protocol's Windows
 * client where a source gives them (.NET's SmtpClient, SqlClient), with the source; everywhere else in the prelude
 * family, an honest "not known" instead of a guess; and a failure of TLS itself keeps Schannel's words.
 */
class PreludeWindowsSymptomTest {

    private static WindowsSymptom on(String protocol, FailureKind kind) {
        return Failure.of(kind, "detail").windowsSymptom(Optional.of(protocol));
    }

    @Test
    void smtpWithoutStarttlsIsDotNetSmtpClientsMessage() {
        WindowsSymptom w = on("smtp", FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(w.code()).isEqualTo("SmtpException");
        assertThat(w.text()).isEqualTo("Server does not support secure connections.");
        assertThat(w.dotNet()).isEqualTo(w.text());
        assertThat(w.basis()).contains("EnableSsl").contains("MailServerDoesNotSupportStartTls")
                .contains("dotnet/runtime");
    }

    @Test
    void sqlServerWithoutEncryptionIsSqlClientsMessageWithEncryptOn() {
        WindowsSymptom w = on("mssql", FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(w.code()).isEqualTo("SqlException");
        assertThat(w.text()).isEqualTo(
                "The instance of SQL Server you attempted to connect to does not support encryption.");
        assertThat(w.basis()).contains("Encrypt=true").contains("ENCRYPT_NOT_SUP").contains("Encrypt=false");
    }

    @Test
    void aResetInSqlServersPreloginIsThePreloginHandshakeError() {
        WindowsSymptom w = on("mssql", FailureKind.RESET_BEFORE_REPLY);
        assertThat(w.code()).isEqualTo("10054");
        assertThat(w.text()).startsWith("A connection was successfully established with the server, but then an"
                + " error occurred during the pre-login handshake.").contains("forcibly closed by the remote host");
        assertThat(w.basis()).contains("learn.microsoft.com/troubleshoot/sql/database-engine/connect/"
                + "tls-exist-connection-closed");
    }

    static Stream<Arguments> preludeFailuresWithoutASource() {
        return PreludeProtocols.ALL.stream().map(PreludeProtocol::name).flatMap(p -> Arrays.stream(
                FailureKind.values()).filter(FailureKind::prelude)
                .filter(k -> !(k == FailureKind.PRELUDE_TLS_NOT_OFFERED && (p.equals("smtp") || p.equals("mssql"))))
                .map(k -> Arguments.of(p, k)));
    }

    @ParameterizedTest
    @MethodSource("preludeFailuresWithoutASource")
    void elsewhereInThePreludeNoWordingIsMadeUp(String protocol, FailureKind kind) {
        WindowsSymptom w = on(protocol, kind);
        assertThat(w.code()).isEmpty();
        assertThat(w.dotNet()).isEmpty();
        assertThat(w.text()).contains("no " + protocol + " client's wording for this is known");
        assertThat(w.basis()).isEqualTo("none");
    }

    @Test
    void tlsFailuresOnOtherServicesKeepSchannelsWords() {
        for (String protocol : new String[] {"smtp", "rdp", "imap"}) {
            assertThat(Failure.alert(AlertDescription.PROTOCOL_VERSION, "no").windowsSymptom(Optional.of(protocol)))
                    .isEqualTo(Failure.alert(AlertDescription.PROTOCOL_VERSION, "no").windowsSymptom());
            assertThat(on(protocol, FailureKind.RESET_BEFORE_REPLY))
                    .isEqualTo(Failure.of(FailureKind.RESET_BEFORE_REPLY, "detail").windowsSymptom());
        }
        assertThat(Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "x").windowsSymptom(Optional.empty()))
                .isEqualTo(Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "x").windowsSymptom());
    }
}
