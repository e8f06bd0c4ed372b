package io.tlsweep.prelude;

import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Optional;

/**
 * For the binary preludes (RDP, TDS): a reply whose first byte is not the protocol's, told apart as another
 * protocol's text greeting (an SSH, HTTP or SMTP banner), TLS at once (a direct-TLS port), or bytes of no known
 * kind. Pure.
 */
public final class ForeignReply {
    /** Bytes enough to tell a reply that is not text. */
    public static final int ENOUGH = 4;
    /** The most of a text greeting's first line kept; a greeting tells once its line ends or it is this long. */
    public static final int EXCERPT = 64;

    private ForeignReply() {
    }

    /**
     * Whether the bytes tell what they are, the same whatever the pieces they came in: {@link #ENOUGH} of them
     * when they are not text; for text, a line end or {@link #EXCERPT} bytes.
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
     * greeting (its first line, cut to 64 characters, non-printable bytes as {@code \xNN}) or a TLS record,
     * {@link FailureKind#PRELUDE_UNEXPECTED} with the first {@link #ENOUGH} bytes in hex otherwise. Call it once
     * the bytes are {@link #decidable}.
     */
    public static PreludeStep.Failed failed(String expected, byte[] in, int offset, int length,
            Optional<PreludeFacts> facts) {
        int b0 = in[offset] & 0xFF;
        FailureKind kind = FailureKind.PRELUDE_OTHER_PROTOCOL;
        String what;
        if (b0 >= 0x14 && b0 <= 0x17 && length >= 2 && in[offset + 1] == 0x03) {
            what = "a TLS record: the port speaks TLS at once";
        } else if (text(in, offset, Math.min(length, ENOUGH))) {
            what = "another protocol's greeting '" + firstLine(in, offset, length) + "'";
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

    private static String firstLine(byte[] in, int offset, int length) {
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
}
