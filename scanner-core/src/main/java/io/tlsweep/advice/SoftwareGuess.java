package io.tlsweep.advice;

import io.tlsweep.text.VisibleText;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The server software as far as the scan can tell it, and from what: RDP and SQL Server's TDS are Windows services
 * on Schannel; a mail or FTP greeting may name its software (Postfix, Dovecot, Microsoft's SMTP and FTP services);
 * on a web endpoint, the {@code Server} header of the answer to the http-auth check's {@code GET} may name its first
 * product (RFC 9110 §10.2.4): {@code Microsoft-IIS} and {@code Microsoft-HTTPAPI} (HTTP.sys) are Schannel,
 * {@code nginx} is nginx, {@code Apache} is Apache httpd. That header is the word of whatever answered HTTP, which
 * may be a proxy or load balancer in front of the server, and the step says so. Nothing else is guessed: a
 * certificate or a port says nothing sure of the software.
 *
 * @param because what gave it away, for the reader ("the SMTP greeting names Postfix")
 */
public record SoftwareGuess(Software software, String because) {
    /** The most characters of the Server header quoted in {@link #because}. */
    static final int SERVER_QUOTED = 60;

    public SoftwareGuess {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(because, "because");
    }

    /**
     * The software told by what is said before TLS, else, where TLS starts with the first byte, by the HTTP
     * {@code Server} header.
     *
     * @param protocol the prelude protocol's name ("smtp", "rdp"), empty where TLS starts with the first byte
     * @param banner the service's greeting as recorded, empty when there was none
     * @param httpServer the {@code Server} field of the http-auth check's answer, empty when it had none or the
     *     check did not run
     */
    public static Optional<SoftwareGuess> of(Optional<String> protocol, Optional<String> banner,
            Optional<String> httpServer) {
        if (protocol.isEmpty()) {
            return httpServer.flatMap(SoftwareGuess::fromServerHeader);
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

    /** The software the first product of a {@code Server} header names, if it is one told here. */
    static Optional<SoftwareGuess> fromServerHeader(String server) {
        String value = server.strip();
        int end = 0;
        while (end < value.length() && value.charAt(end) != '/' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        Software software = switch (value.substring(0, end).toLowerCase(Locale.ROOT)) {
            case "microsoft-iis", "microsoft-httpapi" -> Software.SCHANNEL;
            case "nginx" -> Software.NGINX;
            case "apache" -> Software.APACHE;
            default -> null;
        };
        return Optional.ofNullable(software).map(s -> new SoftwareGuess(s, "the HTTP Server header says "
                + VisibleText.cut(value, SERVER_QUOTED) + ": the server answering HTTP, which may be a proxy in front"));
    }
}
