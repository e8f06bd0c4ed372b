package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One direction put back in order: what is contiguous, what is dropped, the bound. */
class TcpStreamTest {
    private static byte[] range(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    @Test
    void contiguousBytesGrowOnlyWhenTheHoleIsFilled() {
        TcpStream s = new TcpStream();
        s.syn(99);
        assertThat(s.add(110, range(10, 20), false, 0)).isFalse(); // after a hole
        assertThat(s.length()).isZero();
        assertThat(s.add(100, range(0, 5), false, 0)).isTrue();
        assertThat(s.length()).isEqualTo(5);
        assertThat(s.add(100, range(0, 5), false, 0)).isFalse(); // a repeat
        assertThat(s.add(103, range(3, 10), false, 0)).isTrue(); // overlaps, fills the hole
        assertThat(s.length()).isEqualTo(20);
        assertThat(Arrays.copyOf(s.bytes(), 20)).isEqualTo(range(0, 20));
    }

    @Test
    void segmentsBeforeTheStartOrFarAwayAreDroppedAndTheBoundHolds() {
        TcpStream s = new TcpStream();
        s.syn(0xFFFFFFFFL); // the first byte is at sequence 0
        assertThat(s.add(0x80000000L, range(0, 10), false, 0)).isFalse(); // 2^31 away: neither side
        assertThat(s.add(0xFFFFFFF0L, range(0, 10), false, 0)).isFalse(); // wholly before the start
        assertThat(s.add(0xFFFFFFFCL, range(0, 10), false, 0)).isTrue(); // its last 6 bytes are the first
        assertThat(s.length()).isEqualTo(6);
        byte[] big = new byte[TcpStream.LIMIT];
        assertThat(s.add(6, big, false, 0)).isTrue();
        assertThat(s.full()).isTrue();
        assertThat(s.held()).isEqualTo(TcpStream.LIMIT);
        s.release();
        assertThat(s.held()).isZero();
        assertThat(s.add(0, range(0, 10), false, 0)).isFalse();
    }

    @Test
    void aCutSegmentIsRemembered() {
        TcpStream s = new TcpStream();
        s.add(500, range(0, 10), true, 1234);
        assertThat(s.cutAt()).isEqualTo(1234);
        assertThat(s.length()).isEqualTo(10);
    }
}
