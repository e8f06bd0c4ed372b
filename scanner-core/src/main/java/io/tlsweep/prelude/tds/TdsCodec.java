package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * One connection's PRELOGIN: writes the client's PRELOGIN packet at once, then reads the server's response, a
 * message of tabular-result packets (type 0x04) up to the one marked end of message, each packet consumed as it
 * completes. A packet longer than the pre-login packet size (4,096), a message over {@value #MAX_MESSAGE} bytes or
 * {@value #MAX_PACKETS} packets is refused at once.
 */
final class TdsCodec implements PreludeCodec {
    /** A PRELOGIN response is tens of bytes; this bounds the message whatever its packets say. */
    static final int MAX_MESSAGE = 4096;
    static final int MAX_PACKETS = 8;
    private static final String EXPECTED = "a TDS tabular result (0x04) answering PRELOGIN";

    private final Encryption asking;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int packets;
    private Optional<SqlServerVersion> version = Optional.empty();

    TdsCodec(Encryption asking) {
        this.asking = asking;
    }

    @Override
    public PreludeStep start() {
        return new PreludeStep.GoOn(0, TdsPacket.encode(TdsPacket.PRELOGIN, Prelogin.request(asking), 1));
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        if (length == 0) {
            return PreludeStep.GoOn.needMore();
        }
        if ((in[offset] & 0xFF) != TdsPacket.TABULAR_RESULT) {
            if (packets > 0) {
                return failed(0, String.format("a TDS packet of type 0x%02x inside the PRELOGIN response",
                        in[offset] & 0xFF));
            }
            return OtherProtocol.decidable(in, offset, length)
                    ? OtherProtocol.failed(EXPECTED, in, offset, length, factsSoFar())
                    : PreludeStep.GoOn.needMore();
        }
        int size = TdsPacket.length(in, offset, length);
        if (size < 0) {
            return PreludeStep.GoOn.needMore();
        }
        if (size < TdsPacket.HEADER || size > TdsPacket.PRELOGIN_PACKET_SIZE) {
            return failed(0, "a TDS packet length of " + size + " bytes where " + EXPECTED + " of "
                    + TdsPacket.HEADER + " to " + TdsPacket.PRELOGIN_PACKET_SIZE + " bytes was expected");
        }
        if (length < size) {
            return PreludeStep.GoOn.needMore();
        }
        packets++;
        message.write(in, offset + TdsPacket.HEADER, size - TdsPacket.HEADER);
        if (message.size() > MAX_MESSAGE || packets > MAX_PACKETS) {
            return failed(size, "a PRELOGIN response going on past " + Math.min(packets, MAX_PACKETS) + " packets"
                    + " and " + Math.min(message.size(), MAX_MESSAGE) + " bytes without its end");
        }
        if ((in[offset + 1] & TdsPacket.END_OF_MESSAGE) == 0) {
            return new PreludeStep.GoOn(size, new byte[0]);
        }
        return answer(size, Prelogin.response(message.toByteArray()));
    }

    private PreludeStep answer(int consumed, Prelogin.Parsed parsed) {
        if (parsed instanceof Prelogin.Broken broken) {
            return failed(consumed, "a PRELOGIN response that breaks: " + broken.reason());
        }
        Prelogin.Response response = (Prelogin.Response) parsed;
        version = response.version();
        if (response.encryption().isEmpty()) {
            return failed(consumed, "a PRELOGIN response without ENCRYPTION");
        }
        int value = response.encryption().get();
        Optional<Encryption> answer = Encryption.of(value);
        if (answer.isEmpty()) {
            return failed(consumed, String.format("a PRELOGIN response with ENCRYPTION 0x%02x, not a value a server"
                    + " answers", value));
        }
        TdsFacts facts = new TdsFacts(asking, version, answer);
        if (answer.get() == Encryption.NOT_SUP) {
            return new PreludeStep.Failed(consumed, Failure.of(FailureKind.PRELUDE_TLS_NOT_OFFERED, "ENCRYPT_NOT_SUP:"
                    + " the server does no TLS, logins travel without it"), Optional.of(facts));
        }
        return new PreludeStep.TlsMayStart(consumed, new byte[0], facts, new TdsFraming());
    }

    private PreludeStep.Failed failed(int consumed, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(FailureKind.PRELUDE_UNEXPECTED, detail), factsSoFar());
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return Optional.of(new TdsFacts(asking, version, Optional.empty()));
    }
}
