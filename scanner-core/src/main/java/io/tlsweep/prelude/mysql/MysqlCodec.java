package io.tlsweep.prelude.mysql;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Optional;

/**
 * One connection's MySQL/MariaDB TLS upgrade: waits for the server's first packet (sequence id 0, at most
 * {@value #MAX_GREETING} bytes). A protocol-10 greeting with CLIENT_SSL lets TLS start at once, after the SSL
 * request packet; without CLIENT_SSL (or protocol 9) TLS is not offered; an error packet (0xFF) turns the client
 * away. A first line of text is another protocol. Bytes after the greeting, before the client's first TLS
 * byte, are refused: no server sends them, and injected ones would be read as the server's TLS.
 */
final class MysqlCodec implements PreludeCodec {
    /** The most bytes a greeting's payload may take. */
    static final int MAX_GREETING = 4096;
    private static final int HEADER = 4;

    private Optional<PreludeFacts> facts = Optional.empty();

    @Override
    public PreludeStep start() {
        return PreludeStep.GoOn.needMore();
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        OtherProtocol.FirstLine first = OtherProtocol.firstLine(in, offset, length);
        if (first instanceof OtherProtocol.FirstLine.Text text) {
            return failed(0, FailureKind.PRELUDE_OTHER_PROTOCOL, "another protocol greeted: '" + text.line() + "'");
        }
        if (first instanceof OtherProtocol.FirstLine.Undecided || length < HEADER) {
            return PreludeStep.GoOn.needMore();
        }
        int size = (in[offset] & 0xFF) | (in[offset + 1] & 0xFF) << 8 | (in[offset + 2] & 0xFF) << 16;
        int sequence = in[offset + 3] & 0xFF;
        if (sequence != 0 || size == 0 || size > MAX_GREETING) {
            return failed(0, FailureKind.PRELUDE_UNEXPECTED, "the first packet is not a MySQL greeting: sequence id "
                    + sequence + ", " + size + " bytes (a greeting has sequence id 0 and 1 to " + MAX_GREETING + ")");
        }
        if (HEADER + size > length) {
            return PreludeStep.GoOn.needMore();
        }
        int start = offset + HEADER;
        int end = start + size;
        int kind = in[start] & 0xFF;
        if (kind == 0xFF) {
            return refused(in, start, end);
        }
        if (kind == 9) {
            int nul = InitialHandshake.nul(in, start + 1, end);
            String version = ShortText.of(in, start + 1, (nul < 0 ? end : nul) - start - 1);
            facts = Optional.of(MysqlFacts.of(new MysqlFacts.Greeting(9, version, 0, Optional.empty())));
            return failed(HEADER + size, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the MySQL server speaks protocol 9"
                    + " (MySQL before 3.22), which has no TLS");
        }
        if (kind != 10) {
            return failed(HEADER + size, FailureKind.PRELUDE_UNEXPECTED, "the MySQL greeting has protocol version "
                    + kind + ", not 10");
        }
        InitialHandshake.Reading reading = InitialHandshake.read(in, start, end);
        if (reading instanceof InitialHandshake.Reading.Malformed m) {
            return failed(HEADER + size, FailureKind.PRELUDE_UNEXPECTED, "the MySQL greeting is malformed: "
                    + m.reason());
        }
        InitialHandshake.Reading.Read read = (InitialHandshake.Reading.Read) reading;
        MysqlFacts f = MysqlFacts.of(read.greeting());
        facts = Optional.of(f);
        if (!read.greeting().sslOffered()) {
            return failed(HEADER + size, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the MySQL server "
                    + read.greeting().serverVersion() + " does not offer TLS (no CLIENT_SSL in its greeting)");
        }
        if (length > HEADER + size) {
            return failed(HEADER + size, FailureKind.PRELUDE_UNEXPECTED, (length - HEADER - size) + " bytes came"
                    + " after the MySQL greeting, before the client's SSL request");
        }
        return new PreludeStep.TlsMayStart(HEADER + size, InitialHandshake.sslRequest(read.greeting(),
                read.charset()), f, TlsFraming.NONE);
    }

    /** An error packet: 0xFF, the error number (2 bytes), then '#' and a 5-character SQLSTATE or not, the message. */
    private PreludeStep refused(byte[] in, int start, int end) {
        int consumed = end - start + HEADER;
        if (end - start < 3) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the MySQL server's error packet ends before"
                    + " its error number");
        }
        int code = (in[start + 1] & 0xFF) | (in[start + 2] & 0xFF) << 8;
        int at = start + 3;
        Optional<String> state = Optional.empty();
        if (end - at >= 6 && in[at] == '#') {
            state = Optional.of(ShortText.of(in, at + 1, 5));
            at += 6;
        }
        MysqlFacts.ErrorPacket error = new MysqlFacts.ErrorPacket(code, state, ShortText.of(in, at, end - at));
        facts = Optional.of(MysqlFacts.of(error));
        return failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the MySQL server turned the client away: "
                + code + state.map(s -> " (" + s + ")").orElse("") + " " + error.message());
    }

    private PreludeStep failed(int consumed, FailureKind kind, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), facts);
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return facts;
    }
}
