package io.tlsweep.advice;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The server software as far as the scan can tell it, and from what: RDP and SQL Server's TDS are Windows services
 * on Schannel; a mail or FTP greeting may name its software (Postfix, Dovecot, Microsoft's SMTP and FTP services).
 * Nothing else is guessed: a certificate or a port says nothing sure of the software.
 *
 * @param because what gave it away, for the reader ("the SMTP greeting names Postfix")
 */
public record SoftwareGuess(Software software, String because) {

    public SoftwareGuess {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(because, "because");
    }

    /**
     * The software told by what is said before TLS.
     *
     * @param protocol the prelude protocol's name ("smtp", "rdp"), empty where TLS starts with the first byte
     * @param banner the service's greeting as recorded, empty when there was none
     */
    public static Optional<SoftwareGuess> of(Optional<String> protocol, Optional<String> banner) {
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        String p = protocol.get();
        String b = banner.orElse("").toLowerCase(Locale.ROOT);
        switch (p) {
            case "rdp":
                return Optional.of(new SoftwareGuess(Software.SCHANNEL, "RDP: a Windows service"));
            case "mssql", "mssql-strict":
                return Optional.of(new SoftwareGuess(Software.SCHANNEL,
                        "SQL Server: Schannel on Windows; on Linux, mssql-conf"));
            case "smtp", "lmtp":
                if (b.contains("postfix")) {
                    return Optional.of(new SoftwareGuess(Software.POSTFIX, "the " + p + " greeting names Postfix"));
                }
                if (b.contains("microsoft esmtp") || b.contains("microsoft exchange")) {
                    return Optional.of(new SoftwareGuess(Software.SCHANNEL,
                            "the " + p + " greeting names Microsoft's mail service"));
                }
                return Optional.empty();
            case "imap", "pop3", "sieve":
                return b.contains("dovecot") ? Optional.of(new SoftwareGuess(Software.DOVECOT,
                        "the " + p + " greeting names Dovecot")) : Optional.empty();
            case "ftp":
                return b.contains("microsoft ftp service") ? Optional.of(new SoftwareGuess(Software.SCHANNEL,
                        "the ftp greeting names Microsoft FTP Service")) : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
