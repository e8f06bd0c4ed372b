package io.tlsweep.result;

import io.tlsweep.wire.AlertDescription;
import java.util.Optional;

/**
 * What a Windows client (Schannel via SSPI, and .NET Framework's HttpWebRequest on top of it) reports
 * when it meets a failure of this kind, so a report speaks the words of the help-desk ticket. On an endpoint where a
 * protocol is spoken before TLS, the client of that protocol speaks instead where its words are known from a source
 * ({@link #of(FailureKind, AlertDescription, Optional)}): .NET's SmtpClient, SqlClient. Where they are not (RDP's
 * client, the other protocols' clients), the symptom says so rather than guess.
 *
 * @param code the Win32/SSPI status or Winsock error ("0x80090326", "10054")
 * @param text its system message
 * @param dotNet the .NET Framework HttpWebRequest/WebClient message
 * @param basis where the mapping comes from
 */
public record WindowsSymptom(String code, String text, String dotNet, String basis) {
    private static final String SECURE_CHANNEL = "The request was aborted: Could not create SSL/TLS secure channel.";
    private static final String SCHANNEL_MAP = "Microsoft's alert-to-SSPI mapping and COM error table"
            + " (client-profile-facts.md §7, S13/S14/S20)";
    private static final String WINSOCK = "Winsock error codes (WinSock2 documentation)";
    private static final String SMTP_NO_STARTTLS = "Server does not support secure connections.";
    private static final String SQL_NO_ENCRYPTION =
            "The instance of SQL Server you attempted to connect to does not support encryption.";
    private static final String SQL_PRELOGIN_RESET = "A connection was successfully established with the server,"
            + " but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An"
            + " existing connection was forcibly closed by the remote host.)";

    /**
     * The symptom on an endpoint where {@code protocol} is spoken before TLS (empty: TLS from the first byte): the
     * words of that protocol's Windows client where a source gives them, else {@link #of(FailureKind,
     * AlertDescription)}'s.
     */
    public static WindowsSymptom of(FailureKind kind, AlertDescription alert, Optional<String> protocol) {
        String p = protocol.orElse("");
        if (p.equals("smtp") && kind == FailureKind.PRELUDE_TLS_NOT_OFFERED) {
            return new WindowsSymptom("SmtpException", SMTP_NO_STARTTLS, SMTP_NO_STARTTLS, "System.Net.Mail.SmtpClient"
                    + " with EnableSsl: SmtpConnection throws SR.MailServerDoesNotSupportStartTls when the EHLO reply"
                    + " lists no STARTTLS (dotnet/runtime src/libraries/System.Net.Mail: SmtpConnection.cs,"
                    + " Resources/Strings.resx; .NET Framework's System.Net.Mail the same)");
        }
        if (p.equals("mssql") && kind == FailureKind.PRELUDE_TLS_NOT_OFFERED) {
            return new WindowsSymptom("SqlException", SQL_NO_ENCRYPTION, SQL_NO_ENCRYPTION, "SqlClient with"
                    + " Encrypt=true when PRELOGIN answers ENCRYPT_NOT_SUP: SQLMessage.EncryptionNotSupportedByServer,"
                    + " resource SQL_EncryptionNotSupportedByServer (the PRELOGIN handling of TdsParser,"
                    + " dotnet/SqlClient); with Encrypt=false, System.Data.SqlClient's default, nothing is shown and"
                    + " the login goes without TLS");
        }
        if (p.equals("mssql") && kind == FailureKind.RESET_BEFORE_REPLY) {
            return new WindowsSymptom("10054", SQL_PRELOGIN_RESET, SQL_PRELOGIN_RESET, "Microsoft Learn, SQL"
                    + " Server troubleshooting: An existing connection was forcibly closed by the remote host (OS"
                    + " error 10054), learn.microsoft.com/troubleshoot/sql/database-engine/connect/"
                    + "tls-exist-connection-closed (client-profiles.json source Q2)");
        }
        if (kind.prelude() && !p.isEmpty()) {
            return new WindowsSymptom("", "(TLS never started: no " + p + " client's wording for this is known from"
                    + " a source; the client's own protocol reports it, not Schannel)", "", "none");
        }
        return of(kind, alert);
    }

    public static WindowsSymptom of(FailureKind kind, AlertDescription alert) {
        return switch (kind) {
            case CONNECT_REFUSED -> new WindowsSymptom("10061", "No connection could be made because the target"
                    + " machine actively refused it.", "Unable to connect to the remote server", WINSOCK);
            case CONNECT_TIMEOUT -> new WindowsSymptom("10060", "A connection attempt failed because the connected"
                    + " party did not properly respond after a period of time, or established connection failed"
                    + " because connected host has failed to respond.", "Unable to connect to the remote server",
                    WINSOCK);
            case DNS_FAILURE -> new WindowsSymptom("11001", "No such host is known.",
                    "The remote name could not be resolved", WINSOCK);
            case READ_TIMEOUT -> new WindowsSymptom("10060", "A connection attempt failed because the connected"
                    + " party did not properly respond after a period of time.", "The operation has timed out",
                    WINSOCK + "; .NET WebExceptionStatus.Timeout");
            case RESET_BEFORE_REPLY -> new WindowsSymptom("10054",
                    "An existing connection was forcibly closed by the remote host.",
                    "The underlying connection was closed: An unexpected error occurred on a send.",
                    "client-profile-facts.md §7 (S20, S23)");
            case CLOSED_BEFORE_REPLY -> closed();
            case ALERT -> alert == null ? illegalMessage() : ofAlert(alert);
            case LOWER_VERSION -> new WindowsSymptom("", "(no error if the client also enables the lower version;"
                    + " otherwise Schannel rejects the ServerHello)", "", "not mapped by Microsoft");
            case NOT_TLS, MALFORMED_REPLY, UNOFFERED_CHOICE -> illegalMessage();
            case INCONSISTENT_EVIDENCE -> new WindowsSymptom("", "(intermittent: some connections fail the way the"
                    + " lost answers show, others succeed)", "", "none");
            case PRELUDE_TLS_NOT_OFFERED, PRELUDE_TLS_REFUSED, PRELUDE_UNEXPECTED, PRELUDE_SERVICE_REFUSED,
                    PRELUDE_OTHER_PROTOCOL, PRELUDE_TIMEOUT -> new WindowsSymptom("",
                    "(TLS never started: the client's own protocol reports it, not Schannel)", "", "none");
            case BUDGET_EXCEEDED, INTERNAL_ERROR, EXCLUDED -> new WindowsSymptom("", "(a tlsweep condition: no"
                    + " client equivalent)", "", "none");
        };
    }

    private static WindowsSymptom ofAlert(AlertDescription alert) {
        return switch (alert.code()) {
            case 0 -> closed();
            case 70 -> new WindowsSymptom("0x80090302", "The function requested is not supported",
                    SECURE_CHANNEL, SCHANNEL_MAP);
            case 71 -> new WindowsSymptom("0x80090331", "The client and server cannot communicate, because they"
                    + " do not possess a common algorithm.", SECURE_CHANNEL, SCHANNEL_MAP);
            case 42, 43, 46 -> new WindowsSymptom("0x80090327",
                    "An unknown error occurred while processing the certificate.", SECURE_CHANNEL, SCHANNEL_MAP);
            case 48 -> new WindowsSymptom("0x80090325",
                    "The certificate chain was issued by an authority that is not trusted.", SECURE_CHANNEL,
                    SCHANNEL_MAP);
            case 80 -> new WindowsSymptom("0x80090304", "The Local Security Authority cannot be contacted",
                    SECURE_CHANNEL, SCHANNEL_MAP);
            default -> illegalMessage();
        };
    }

    private static WindowsSymptom illegalMessage() {
        return new WindowsSymptom("0x80090326", "The message received was unexpected or badly formatted.",
                SECURE_CHANNEL, SCHANNEL_MAP);
    }

    private static WindowsSymptom closed() {
        return new WindowsSymptom("", "Authentication failed because the remote party has closed the transport"
                + " stream.", "The underlying connection was closed: An unexpected error occurred on a send.",
                "client-profile-facts.md §7 (S20)");
    }
}
