package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link ClientHelloDecoder} (the target farm and passive analysis read foreign
 * hellos with it). Properties: every input gives a value; a decoded hello is lossless (written back, its
 * handshake message is byte for byte the one in the records) and its accessors never throw; a prefix of
 * those records is not yet a hello and asks for no more bytes than the hello still needs.
 */
@Tag("fuzz")
public class ClientHelloDecoderFuzzTest {

    @MethodSource("io.tlsweep.wire.FuzzSeeds#clientBytes")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void decodedHellosAreLossless(byte[] data) {
        ClientHelloDecoder.Result result = ClientHelloDecoder.decode(data);
        if (result instanceof ClientHelloDecoder.Result.NeedMore more) {
            assertThat(more.bytesNeeded()).isPositive();
            return;
        }
        if (result instanceof ClientHelloDecoder.Result.Malformed malformed) {
            assertThat(malformed.reason()).isNotBlank();
            return;
        }
        ClientHelloDecoder.Result.Decoded decoded = (ClientHelloDecoder.Result.Decoded) result;
        assertThat(decoded.consumed()).isBetween(TlsRecord.HEADER_LENGTH + 4, data.length);
        ClientHello hello = decoded.hello();
        assertThat(handshakeMessage(hello, data, decoded.consumed())).as("the hello written back").isTrue();
        hello.serverName();
        hello.supportedGroups();
        hello.signatureAlgorithms();
        hello.supportedVersions();
        hello.keyShares();
        hello.alpn();
        hello.highestOffered();

        int shorter = decoded.consumed() - 1;
        ClientHelloDecoder.Result prefix = ClientHelloDecoder.decode(Arrays.copyOf(data, shorter));
        assertThat(prefix).as("the records less their last byte")
                .isInstanceOf(ClientHelloDecoder.Result.NeedMore.class);
        assertThat(((ClientHelloDecoder.Result.NeedMore) prefix).bytesNeeded()).isEqualTo(1);
    }

    /**
     * Whether the hello written back is the handshake message the records carry (with or without an empty
     * extensions block: the decoded value does not tell that apart from none).
     */
    private static boolean handshakeMessage(ClientHello hello, byte[] data, int consumed) {
        byte[] carried = fragments(data, consumed);
        int length = (carried[1] & 0xFF) << 16 | (carried[2] & 0xFF) << 8 | (carried[3] & 0xFF);
        byte[] message = Arrays.copyOf(carried, 4 + length);
        return Arrays.equals(message, written(hello, false)) || Arrays.equals(message, written(hello, true));
    }

    /** The handshake bytes of the records that make up the first {@code consumed} bytes. */
    private static byte[] fragments(byte[] data, int consumed) {
        WireWriter w = new WireWriter(consumed);
        int pos = 0;
        while (pos < consumed) {
            RecordFramer.Frame.Complete c = (RecordFramer.Frame.Complete) RecordFramer.next(data, pos, consumed - pos);
            w.bytes(c.record().fragment());
            pos += c.consumed();
        }
        return w.toByteArray();
    }

    private static byte[] written(ClientHello h, boolean emptyExtensionsBlock) {
        WireWriter w = new WireWriter(512);
        w.u8(1);
        int body = w.openLength(3);
        w.u16(h.clientVersion().code());
        w.bytes(h.random());
        w.u8(h.sessionId().length);
        w.bytes(h.sessionId());
        w.u16(h.cipherSuites().size() * 2);
        h.cipherSuites().forEach(s -> w.u16(s.code()));
        w.u8(h.compressionMethods().length);
        w.bytes(h.compressionMethods());
        if (!h.extensions().isEmpty() || emptyExtensionsBlock) {
            int extensions = w.openLength(2);
            for (Extension e : h.extensions()) {
                w.u16(e.type().code());
                w.u16(e.data().length);
                w.bytes(e.data());
            }
            w.closeLength(extensions);
        }
        w.closeLength(body);
        return w.toByteArray();
    }
}
