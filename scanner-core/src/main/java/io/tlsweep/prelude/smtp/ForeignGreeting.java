package io.tlsweep.prelude.smtp;

import java.util.List;
import java.util.Optional;

/**
 * Another protocol's first words where an SMTP greeting was expected: an SSH banner, an HTTP answer, an IMAP or
 * POP3 greeting, an XMPP stream, TLS records (a direct-TLS port), a VNC banner. Tells "something else listens
 * here" apart from an SMTP server that says something odd.
 */
final class ForeignGreeting {
    private record Sign(String prefix, String what) {
    }

    private static final List<Sign> SIGNS = List.of(
            new Sign("SSH-", "an SSH banner"),
            new Sign("HTTP/", "an HTTP answer"),
            new Sign("* OK", "an IMAP greeting"),
            new Sign("* PREAUTH", "an IMAP greeting"),
            new Sign("* BYE", "an IMAP greeting"),
            new Sign("+OK", "a POP3 greeting"),
            new Sign("-ERR", "a POP3 greeting"),
            new Sign("<?xml", "an XML (XMPP) stream"),
            new Sign("<stream:", "an XML (XMPP) stream"),
            new Sign("RFB ", "a VNC banner"));

    private ForeignGreeting() {
    }

    /** What the first bytes the server sent ({@code in}, from {@code offset}) are, when they are another protocol's. */
    static Optional<String> of(byte[] in, int offset, int length) {
        if (length >= 3 && (in[offset] == 0x15 || in[offset] == 0x16) && in[offset + 1] == 0x03
                && (in[offset + 2] & 0xFF) <= 0x04) {
            return Optional.of("TLS records (a port where TLS starts at once)");
        }
        for (Sign s : SIGNS) {
            if (startsWith(in, offset, length, s.prefix())) {
                return Optional.of(s.what());
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] in, int offset, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (in[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
