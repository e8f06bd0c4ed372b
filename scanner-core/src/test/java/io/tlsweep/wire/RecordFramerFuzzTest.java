package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link RecordFramer}, cutting records out of any bytes one after the other as
 * the decoders do. Properties: every call returns a frame; a complete record put back on the wire
 * (header + fragment) is exactly the bytes it was cut from, within the length limit; a shorter prefix of a
 * record asks for no more bytes than the record still needs (the engine waits for exactly that many).
 */
@Tag("fuzz")
public class RecordFramerFuzzTest {

    @MethodSource("io.tlsweep.wire.FuzzSeeds#allBytes")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void recordsAreCutExactly(byte[] data) {
        int pos = 0;
        while (pos < data.length) {
            int remaining = data.length - pos;
            RecordFramer.Frame frame = RecordFramer.next(data, pos, remaining);
            if (frame instanceof RecordFramer.Frame.Complete complete) {
                TlsRecord record = complete.record();
                assertThat(record.fragment().length).isLessThanOrEqualTo(TlsRecord.MAX_LENGTH);
                assertThat(complete.consumed()).isEqualTo(TlsRecord.HEADER_LENGTH + record.fragment().length)
                        .isLessThanOrEqualTo(remaining);
                assertThat(onTheWire(record)).as("record at %d put back on the wire", pos)
                        .isEqualTo(Arrays.copyOfRange(data, pos, pos + complete.consumed()));
                prefixesAskForNoMoreThanTheRecord(data, pos, complete.consumed());
                pos += complete.consumed();
            } else if (frame instanceof RecordFramer.Frame.NeedMore more) {
                assertThat(more.bytesNeeded()).isPositive();
                assertThat(remaining + more.bytesNeeded()).as("a record never needs more than header + maximum")
                        .isLessThanOrEqualTo(TlsRecord.HEADER_LENGTH + TlsRecord.MAX_LENGTH);
                return;
            } else {
                RecordFramer.Frame.Invalid invalid = (RecordFramer.Frame.Invalid) frame;
                assertThat(invalid.reason()).isNotBlank();
                return;
            }
        }
    }

    private static void prefixesAskForNoMoreThanTheRecord(byte[] data, int at, int recordLength) {
        for (int shorter : new int[] {0, 1, 4, 5, recordLength - 1}) {
            if (shorter < 0 || shorter >= recordLength) {
                continue;
            }
            RecordFramer.Frame frame = RecordFramer.next(data, at, shorter);
            assertThat(frame).as("%d bytes of a %d-byte record", shorter, recordLength)
                    .isInstanceOf(RecordFramer.Frame.NeedMore.class);
            assertThat(shorter + ((RecordFramer.Frame.NeedMore) frame).bytesNeeded())
                    .isLessThanOrEqualTo(recordLength);
        }
    }

    private static byte[] onTheWire(TlsRecord record) {
        WireWriter w = new WireWriter(TlsRecord.HEADER_LENGTH + record.fragment().length);
        w.u8(record.contentType());
        w.u16(record.version().code());
        w.u16(record.fragment().length);
        w.bytes(record.fragment());
        return w.toByteArray();
    }
}
