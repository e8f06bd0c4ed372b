package io.tlsweep.prelude.postgres;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Optional;

/**
 * One connection's SSLRequest: sends it at once (length 8, code 80877103) and reads the one-byte answer.
 * {@code S} lets TLS start, {@code N} means no TLS, and {@code E} is an error message (protocol 3's
 * ErrorResponse, or protocol 2's NUL-ended text) of at most {@value #MAX_ERROR} bytes: the documentation gives it
 * to servers from before TLS support (TLS not offered); an error of class 53 (insufficient resources) or 57P03
 * (cannot connect now) turns the client away. Bytes right after the {@code S}, before the client's first TLS
 * byte, are refused (CVE-2021-23222: a man in the middle's injection), unless they are a line of text such as
 * an SSH banner, which is another protocol.
 */
final class PostgresCodec implements PreludeCodec {
    /** Int32 length 8, Int32 80877103 (1234 << 16 | 5679). */
    static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};
    /** The most bytes an error answer may take. */
    static final int MAX_ERROR = 8192;

    private Optional<PreludeFacts> facts = Optional.empty();

    @Override
    public PreludeStep start() {
        return new PreludeStep.GoOn(0, SSL_REQUEST);
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        if (length == 0) {
            return PreludeStep.GoOn.needMore();
        }
        return switch (in[offset]) {
            case 'S' -> length == 1 ? new PreludeStep.TlsMayStart(1, decided(PostgresFacts.of('S')))
                    : afterS(in, offset, length);
            case 'N' -> failed(1, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the PostgreSQL server answered N to"
                    + " SSLRequest: it accepts no TLS", PostgresFacts.of('N'));
            case 'E' -> length > 1 && in[offset + 1] == 0 ? errorV3(in, offset, length)
                    : errorV2(in, offset, length);
            default -> notPostgres(in, offset, length);
        };
    }

    private PreludeStep afterS(byte[] in, int offset, int length) {
        OtherProtocol.FirstLine first = OtherProtocol.firstLine(in, offset, length);
        if (first instanceof OtherProtocol.FirstLine.Undecided) {
            return PreludeStep.GoOn.needMore();
        }
        if (first instanceof OtherProtocol.FirstLine.Text text) {
            return failed(0, FailureKind.PRELUDE_OTHER_PROTOCOL, "another protocol answered SSLRequest: '"
                    + text.line() + "'", null);
        }
        return failed(1, FailureKind.PRELUDE_UNEXPECTED, (length - 1) + " bytes came after the PostgreSQL server's"
                + " S, before the client's first TLS byte (an injection, CVE-2021-23222)", PostgresFacts.of('S'));
    }

    /** Protocol 3: 'E', Int32 length, then fields (a type byte and a NUL-ended string each) up to a 0 byte. */
    private PreludeStep errorV3(byte[] in, int offset, int length) {
        if (length < 5) {
            return PreludeStep.GoOn.needMore();
        }
        long size = (long) (in[offset + 1] & 0xFF) << 24 | (in[offset + 2] & 0xFF) << 16
                | (in[offset + 3] & 0xFF) << 8 | in[offset + 4] & 0xFF;
        if (size < 5 || size > MAX_ERROR) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "the PostgreSQL server answered SSLRequest with an"
                    + " error message of " + size + " bytes, not 5 to " + MAX_ERROR, null);
        }
        if (1 + size > length) {
            return PreludeStep.GoOn.needMore();
        }
        int end = offset + 1 + (int) size;
        String severity = null;
        String code = null;
        String message = null;
        int at = offset + 5;
        while (at < end && in[at] != 0) {
            int nul = nul(in, at + 1, end);
            if (nul < 0) {
                return failed(1 + (int) size, FailureKind.PRELUDE_UNEXPECTED, "the PostgreSQL server's error"
                        + " message has a field without its end", null);
            }
            String value = ShortText.of(in, at + 1, nul - at - 1);
            switch (in[at]) {
                case 'V' -> severity = value;
                case 'S' -> severity = severity == null ? value : severity;
                case 'C' -> code = value;
                case 'M' -> message = value;
                default -> {
                }
            }
            at = nul + 1;
        }
        if (at >= end) {
            return failed(1 + (int) size, FailureKind.PRELUDE_UNEXPECTED, "the PostgreSQL server's error message"
                    + " has no end of its fields", null);
        }
        return error(1 + (int) size, new PostgresFacts('E', Optional.ofNullable(severity), Optional.ofNullable(code),
                Optional.ofNullable(message)));
    }

    /** Protocol 2: 'E', then the message as a NUL-ended string. */
    private PreludeStep errorV2(byte[] in, int offset, int length) {
        int nul = nul(in, offset + 1, offset + Math.min(length, MAX_ERROR));
        if (nul < 0) {
            return length >= MAX_ERROR ? failed(0, FailureKind.PRELUDE_UNEXPECTED, "the PostgreSQL server's E"
                    + " answer has no end within " + MAX_ERROR + " bytes", null) : PreludeStep.GoOn.needMore();
        }
        String message = ShortText.of(in, offset + 1, nul - offset - 1).strip();
        return error(nul - offset + 1, new PostgresFacts('E', Optional.empty(), Optional.empty(),
                Optional.of(message)));
    }

    private PreludeStep error(int consumed, PostgresFacts f) {
        String said = (f.severity().map(s -> s + " ").orElse("") + f.sqlState().map(s -> s + " ").orElse("")
                + f.message().orElse("")).strip();
        boolean refused = f.sqlState().filter(c -> c.startsWith("53") || c.equals("57P03")).isPresent();
        return refused
                ? failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the PostgreSQL server turned the client"
                        + " away: " + said, f)
                : failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the PostgreSQL server answered SSLRequest"
                        + " with an error, as servers without TLS support do: " + said, f);
    }

    private PreludeStep notPostgres(byte[] in, int offset, int length) {
        OtherProtocol.FirstLine first = OtherProtocol.firstLine(in, offset, length);
        if (first instanceof OtherProtocol.FirstLine.Undecided) {
            return PreludeStep.GoOn.needMore();
        }
        if (first instanceof OtherProtocol.FirstLine.Text text) {
            return failed(0, FailureKind.PRELUDE_OTHER_PROTOCOL, "another protocol answered SSLRequest: '"
                    + text.line() + "'", null);
        }
        return failed(0, FailureKind.PRELUDE_UNEXPECTED, String.format("the PostgreSQL server answered SSLRequest"
                + " with 0x%02X, not S, N or E", in[offset] & 0xFF), null);
    }

    private static int nul(byte[] in, int from, int end) {
        for (int i = from; i < end; i++) {
            if (in[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private PreludeFacts decided(PostgresFacts f) {
        facts = Optional.of(f);
        return f;
    }

    private PreludeStep failed(int consumed, FailureKind kind, String detail, PostgresFacts f) {
        if (f != null) {
            facts = Optional.of(f);
        }
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), facts);
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return facts;
    }
}
