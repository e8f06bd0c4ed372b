package io.tlsweep.prelude;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Another protocol's first words where a prelude expected its own: the one place the codecs tell "something else
 * listens here" (an SSH or HTTP server, a mail or news server of another kind, an XMPP stream, a VNC banner, TLS
 * at once) apart from a server of their protocol that says something odd. The text preludes name a greeting they
 * know ({@link #server}, {@link #greeting}); the binary ones tell a line of text from their own bytes
 * ({@link #firstLine}, {@link #decidable}, {@link #failed}). Pure.
 */
public final class OtherProtocol {
    /** Bytes enough to tell a reply that is not text, for {@link #decidable}. */
    public static final int ENOUGH = 4;
    /** The most of a text greeting's first line {@link #failed} keeps; it tells once the line ends or is this long. */
    public static final int EXCERPT = 64;
    private static final int MIN_LINE = 4;

    /**
     * A greeting's first bytes and what they are: as the line-based codecs name the server ({@code server}) and as
     * the SMTP codec names the words ({@code words}); null where that codec does not tell it (a 220 is SMTP's own
     * greeting, an XML stream is no line protocol's).
     */
    private record Sign(String prefix, String server, String words) {
    }

    private static final List<Sign> SIGNS = List.of(
            new Sign("SSH-", "an SSH server", "an SSH banner"),
            new Sign("HTTP/", "an HTTP server", "an HTTP answer"),
            new Sign("* OK", "an IMAP server", "an IMAP greeting"),
            new Sign("* PREAUTH", "an IMAP server", "an IMAP greeting"),
            new Sign("* BYE", "an IMAP server", "an IMAP greeting"),
            new Sign("+OK", "a POP3 server", "a POP3 greeting"),
            new Sign("-ERR", "a POP3 server", "a POP3 greeting"),
            new Sign("\"IMPLEMENTATION\"", "a ManageSieve server", null),
            new Sign("\"SIEVE\"", "a ManageSieve server", null),
            new Sign("220 ", "an SMTP or FTP server", null),
            new Sign("220-", "an SMTP or FTP server", null),
            new Sign("200 ", "an NNTP server", null),
            new Sign("201 ", "an NNTP server", null),
            new Sign("<?xml", null, "an XML (XMPP) stream"),
            new Sign("<stream:", null, "an XML (XMPP) stream"),
            new Sign("RFB ", "a VNC server", "a VNC banner"));

    private OtherProtocol() {
    }

    /**
     * Which server a first line is the greeting of ("an SSH server"), whatever its case, if it is one tlsweep
     * knows. Each line codec recognises its own greeting before asking, so the answer names what the line is,
     * never what the codec expected.
     */
    public static Optional<String> server(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        for (Sign s : SIGNS) {
            if (s.server() != null && upper.startsWith(s.prefix())) {
                return Optional.of(s.prefix().startsWith("220") && upper.contains("SMTP") ? "an SMTP server"
                        : s.server());
            }
        }
        return Optional.empty();
    }

    /**
     * What the first bytes a server sent ({@code in}, from {@code offset}) are where an SMTP greeting was expected
     * ("an SSH banner", "TLS records ..."), when they are another protocol's.
     */
    public static Optional<String> greeting(byte[] in, int offset, int length) {
        if (length >= 3 && (in[offset] == 0x15 || in[offset] == 0x16) && in[offset + 1] == 0x03
                && (in[offset + 2] & 0xFF) <= 0x04) {
            return Optional.of("TLS records (a port where TLS starts at once)");
        }
        for (Sign s : SIGNS) {
            if (s.words() != null && startsWith(in, offset, length, s.prefix())) {
                return Optional.of(s.words());
            }
        }
        return Optional.empty();
    }

    /** What the first bytes of an answer look like: a text protocol's line, binary, or not known yet. */
    public sealed interface FirstLine {
        /** A line of text (cut short), as an SMTP or FTP banner, an HTTP status line, an SSH version. */
        record Text(String line) implements FirstLine {
        }

        /** Not a line of text. */
        record Binary() implements FirstLine {
        }

        /** Printable so far, but neither a line break nor {@value ShortText#MAX_CHARS} characters came yet. */
        record Undecided() implements FirstLine {
        }
    }

    /**
     * Whether the bytes start with a line of a text protocol: at least {@value #MIN_LINE} printable ASCII
     * characters (or tabs) ended by CR or LF, or {@value ShortText#MAX_CHARS} of them. The answer does not depend
     * on how the bytes were split: it waits for the line's end.
     */
    public static FirstLine firstLine(byte[] in, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = in[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                return i - offset >= MIN_LINE ? new FirstLine.Text(ShortText.of(in, offset, i - offset))
                        : new FirstLine.Binary();
            }
            if ((b < 0x20 || b > 0x7E) && b != '\t') {
                return new FirstLine.Binary();
            }
            if (i - offset + 1 == ShortText.MAX_CHARS) {
                return new FirstLine.Text(ShortText.of(in, offset, ShortText.MAX_CHARS) + "...");
            }
        }
        return new FirstLine.Undecided();
    }

    /**
     * For the binary preludes (RDP, TDS), whose reply's first byte is not the protocol's: whether the bytes tell
     * what they are, the same whatever the pieces they came in: {@link #ENOUGH} of them when they are not text;
     * for text, a line end or {@link #EXCERPT} bytes.
     */
    public static boolean decidable(byte[] in, int offset, int length) {
        if (length < ENOUGH) {
            return false;
        }
        if (!text(in, offset, ENOUGH) || length >= EXCERPT) {
            return true;
        }
        for (int i = offset; i < offset + length; i++) {
            if (in[i] == '\n' || in[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure for a reply that is not {@code expected}: {@link FailureKind#PRELUDE_OTHER_PROTOCOL} for a text
     * greeting (its first line, cut to {@value #EXCERPT} characters, non-printable bytes as {@code \xNN}) or a TLS
     * record, {@link FailureKind#PRELUDE_UNEXPECTED} with the first {@link #ENOUGH} bytes in hex otherwise. Call it
     * once the bytes are {@link #decidable}.
     */
    public static PreludeStep.Failed failed(String expected, byte[] in, int offset, int length,
            Optional<PreludeFacts> facts) {
        int b0 = in[offset] & 0xFF;
        FailureKind kind = FailureKind.PRELUDE_OTHER_PROTOCOL;
        String what;
        if (b0 >= 0x14 && b0 <= 0x17 && length >= 2 && in[offset + 1] == 0x03) {
            what = "a TLS record: the port speaks TLS at once";
        } else if (text(in, offset, Math.min(length, ENOUGH))) {
            what = "another protocol's greeting '" + excerpt(in, offset, length) + "'";
        } else {
            kind = FailureKind.PRELUDE_UNEXPECTED;
            StringBuilder hex = new StringBuilder();
            for (int i = offset; i < offset + Math.min(length, ENOUGH); i++) {
                hex.append(String.format("%02x", in[i] & 0xFF));
            }
            what = "bytes starting " + hex;
        }
        return new PreludeStep.Failed(0, Failure.of(kind, "expected " + expected + ", got " + what), facts);
    }

    private static boolean text(byte[] in, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = in[i] & 0xFF;
            if ((b < 0x20 || b > 0x7E) && b != '\r' && b != '\n' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String excerpt(byte[] in, int offset, int length) {
        StringBuilder line = new StringBuilder();
        for (int i = offset; i < offset + length && line.length() < EXCERPT; i++) {
            int b = in[i] & 0xFF;
            if (b == '\r' || b == '\n') {
                break;
            }
            line.append(b >= 0x20 && b <= 0x7E && b != '\\' && b != '\'' ? String.valueOf((char) b)
                    : String.format("\\x%02x", b));
        }
        return line.toString();
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
