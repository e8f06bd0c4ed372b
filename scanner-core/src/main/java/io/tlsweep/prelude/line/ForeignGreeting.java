package io.tlsweep.prelude.line;

import java.util.Locale;
import java.util.Optional;

/**
 * Which protocol a first line looks like, for a greeting that is not the expected one: an SSH or HTTP server, a
 * mail or news server of another kind on the port. Each codec recognises its own greeting before asking, so the
 * answer names what the line is, never what the codec expected.
 */
public final class ForeignGreeting {
    private ForeignGreeting() {
    }

    /** What {@code line} is the greeting of ("an SSH server"), if it is one tlsweep knows. */
    public static Optional<String> of(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SSH-")) {
            return Optional.of("an SSH server");
        }
        if (upper.startsWith("HTTP/")) {
            return Optional.of("an HTTP server");
        }
        if (upper.startsWith("* OK") || upper.startsWith("* PREAUTH") || upper.startsWith("* BYE")) {
            return Optional.of("an IMAP server");
        }
        if (upper.startsWith("+OK") || upper.startsWith("-ERR")) {
            return Optional.of("a POP3 server");
        }
        if (upper.startsWith("\"IMPLEMENTATION\"") || upper.startsWith("\"SIEVE\"")) {
            return Optional.of("a ManageSieve server");
        }
        if (upper.startsWith("220 ") || upper.startsWith("220-")) {
            return Optional.of(upper.contains("SMTP") ? "an SMTP server" : "an SMTP or FTP server");
        }
        if (upper.startsWith("200 ") || upper.startsWith("201 ")) {
            return Optional.of("an NNTP server");
        }
        if (upper.startsWith("RFB ")) {
            return Optional.of("a VNC server");
        }
        return Optional.empty();
    }
}
