package io.tlsweep.prelude.tds;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.TlsFraming.Unwrapped;
import io.tlsweep.wire.Hex;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TLS handshake records in TDS packets: wrapped in PRELOGIN packets, unwrapped across every split of the wire. */
class TdsFramingTest {

    @Test
    void aSmallWriteIsOnePreloginPacketMarkedEndOfMessage() {
        assertThat(new TdsFraming().wrap(Hex.parse("1603010002abcd")))
                .isEqualTo(Hex.parse("1201000f00000100" + "1603010002abcd"));
        assertThat(new TdsFraming().wrap(new byte[0])).isEmpty();
    }

    @Test
    void aLargeWriteIsCutInto4096BytePacketsNumberedOnAcrossWrites() {
        TdsFraming framing = new TdsFraming();
        byte[] tls = new byte[10_000];
        new Random(1).nextBytes(tls);
        byte[] wire = framing.wrap(tls);
        assertThat(wire).hasSize(10_000 + 3 * 8);
        assertThat(Arrays.copyOfRange(wire, 0, 8)).isEqualTo(Hex.parse("1200100000000100"));
        assertThat(Arrays.copyOfRange(wire, 4096, 4104)).isEqualTo(Hex.parse("1200100000000200"));
        assertThat(Arrays.copyOfRange(wire, 8192, 8200)).isEqualTo(Hex.parse("1201072800000300"));
        assertThat(framing.wrap(new byte[] {1})).startsWith(Hex.parse("1201000900000400"));
        assertThat(((Unwrapped.Bytes) new TdsFraming().unwrap(wire, 0, wire.length)).tls()).isEqualTo(tls);
    }

    @Test
    void theServersPacketsComeApartTheSameAtEverySplitAndByteByByte() {
        byte[] tls = new byte[5_000];
        new Random(2).nextBytes(tls);
        byte[] wire = new TdsFraming().wrap(tls);
        wire[4096] = 0x04; // a tabular-result packet, as some endpoints send during the handshake
        for (int split = 0; split <= wire.length; split += 37) {
            TdsFraming framing = new TdsFraming();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.writeBytes(((Unwrapped.Bytes) framing.unwrap(wire, 0, split)).tls());
            got.writeBytes(((Unwrapped.Bytes) framing.unwrap(wire, split, wire.length - split)).tls());
            assertThat(got.toByteArray()).as("split at %d", split).isEqualTo(tls);
        }
        TdsFraming framing = new TdsFraming();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < wire.length; i++) {
            got.writeBytes(((Unwrapped.Bytes) framing.unwrap(wire, i, 1)).tls());
        }
        assertThat(got.toByteArray()).isEqualTo(tls);
    }

    @Test
    void aHeaderSplitAcrossReadsIsKeptUntilItsPacketIsWhole() {
        TdsFraming framing = new TdsFraming();
        byte[] wire = Hex.parse("1201000a00000100abcd1201");
        assertThat(((Unwrapped.Bytes) framing.unwrap(wire, 0, wire.length)).tls()).isEqualTo(Hex.parse("abcd"));
        assertThat(((Unwrapped.Bytes) framing.unwrap(Hex.parse("000900000200"), 0, 6)).tls()).isEmpty();
        assertThat(((Unwrapped.Bytes) framing.unwrap(Hex.parse("ef"), 0, 1)).tls()).isEqualTo(Hex.parse("ef"));
    }

    @Test
    void bareTlsAnotherTypeOrAnImpossibleLengthBreakTheFraming() {
        assertThat(new TdsFraming().unwrap(Hex.parse("1603030005000000"), 0, 8)).isInstanceOf(Unwrapped.Broken.class);
        assertThat(((Unwrapped.Broken) new TdsFraming().unwrap(Hex.parse("1001000800000100"), 0, 8)).reason())
                .contains("type 0x10");
        assertThat(((Unwrapped.Broken) new TdsFraming().unwrap(Hex.parse("1201000700000100"), 0, 8)).reason())
                .contains("length of 7");
        assertThat(((Unwrapped.Broken) new TdsFraming().unwrap(Hex.parse("1201ffff00000100"), 0, 8)).reason())
                .contains("length of 65535");
        assertThat(((Unwrapped.Bytes) new TdsFraming().unwrap(Hex.parse("12017fff00000100"), 0, 8)).tls())
                .as("the largest packet TDS allows is waited for").isEmpty();
    }
}
