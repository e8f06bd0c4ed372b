package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link ServerResponseDecoder} with whatever a server could send after a hello
 * (TLS records, SSLv2, banners, noise). Properties, for every input:
 * <ul>
 * <li>decoding returns a value (an exception is a finding) and {@code NeedMore} asks for at least one byte;</li>
 * <li>the same bytes at an offset inside a larger buffer decode the same;</li>
 * <li>the engine's way of decoding (again only once the bytes asked for have arrived) decides at exactly the
 *     first length where any decision is possible, and the same answer, however the bytes are split;</li>
 * <li>a decision is final: more bytes, or the end of the connection, do not change it.</li>
 * </ul>
 * Loops show as libFuzzer timeouts, unbounded allocations as {@link OutOfMemoryError} under the fork's heap.
 */
@Tag("fuzz")
public class ServerResponseFuzzTest {
    /** Inputs up to this length are also decoded at every prefix (quadratic); longer ones by the engine only. */
    private static final int EVERY_PREFIX_UP_TO = 600;
    private static final int[] PIECES = {1, 5, 50, 1 << 20};

    @MethodSource("io.tlsweep.wire.FuzzSeeds#serverBytes")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void everyAnswerIsOneStableValue(byte[] data) {
        Decision byteByByte = Decision.engine(data, 0, data.length, 1);
        for (int piece : PIECES) {
            assertThat(Decision.engine(data, 0, data.length, piece).answer())
                    .as("bytes arriving in pieces of %d", piece)
                    .isEqualTo(byteByByte.answer());
        }
        assertThat(Decision.engine(embedded(data), 7, data.length, 50).answer()).as("the same bytes at offset 7")
                .isEqualTo(byteByByte.answer());
        if (data.length <= EVERY_PREFIX_UP_TO) {
            assertThat(byteByByte).as("decoding only once the bytes asked for are there")
                    .isEqualTo(Decision.earliest(data));
        }
        if (byteByByte.decided()) {
            assertThat(ResponseText.of(ServerResponseDecoder.finish(data)))
                    .as("the end of the connection after a decision")
                    .isEqualTo(byteByByte.answer());
        }
    }

    private static byte[] embedded(byte[] data) {
        byte[] framed = new byte[data.length + 14];
        Arrays.fill(framed, (byte) 0x16);
        System.arraycopy(data, 0, framed, 7, data.length);
        return framed;
    }

    /** Where and what a reader of the arriving bytes decided; {@code decided} false when only finish answered. */
    record Decision(int decidedAt, boolean decided, String answer) {

        /** As the engine reads: decode once {@code decodeAt} bytes are in; at the end, finish. */
        static Decision engine(byte[] buf, int off, int len, int piece) {
            int decodeAt = 1;
            int length = 0;
            while (length < len) {
                length = (int) Math.min((long) length + piece, len);
                if (length < decodeAt) {
                    continue;
                }
                ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(buf, off, length);
                if (d instanceof ServerResponseDecoder.Decoding.Done done) {
                    return new Decision(length, true, ResponseText.of(done.response()));
                }
                int needed = ((ServerResponseDecoder.Decoding.NeedMore) d).bytesNeeded();
                assertThat(needed).as("bytes asked for after %d", length).isPositive();
                decodeAt = length + needed;
            }
            return new Decision(len, false, ResponseText.of(ServerResponseDecoder.finish(buf, off, len)));
        }

        /** Decoding at every length: the first one that decides. */
        static Decision earliest(byte[] data) {
            for (int length = 1; length <= data.length; length++) {
                if (ServerResponseDecoder.decode(data, 0, length) instanceof ServerResponseDecoder.Decoding.Done done) {
                    return new Decision(length, true, ResponseText.of(done.response()));
                }
            }
            return new Decision(data.length, false, ResponseText.of(ServerResponseDecoder.finish(data)));
        }
    }
}
