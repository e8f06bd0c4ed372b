package io.tlsweep.prelude.tds;

import static io.tlsweep.prelude.PreludeFeed.fields;
import static io.tlsweep.prelude.PreludeFeed.same;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PRELOGIN responses that are broken, cut short, huge or endless: each is a value (go on, or a prelude failure
 * saying what came), never an exception, and the same fed whole, in pieces and byte by byte.
 */
class TdsHostileRepliesTest {
    private static final byte[] RESPONSE = Vectors.load("prelude/mssql-spec-2012-off.server.hex");
    private static final String TABLE = "00001a0006" + "0100200001" + "0200210001" + "0300220000" + "0400220001" + "ff";
    private static final String DATA = "0b0008340000" + "00" + "00" + "00";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0401ffff00000100                        | a TDS packet length of 65535",
        "0401100100000100                        | a TDS packet length of 4097",
        "0401000400000100                        | a TDS packet length of 4",
        "0401000900000100ff                      | ENCRYPTION",
        "0401000d000001000100000000              | no terminator",
        "0401000e000001000100ff0001ff            | 1 bytes at 255",
        "0401000f000001000100060001ff80          | ENCRYPTION 0x80",
        "15030300020228                          | TLS at once",
        "01020304                                | bytes starting 01020304"})
    void aBrokenResponseIsAFailureSayingWhatCame(String hex, String detail) {
        PreludeStep.Failed failed = (PreludeStep.Failed) same(TdsPrelude.DEFAULT, Hex.parse(hex)).last();
        assertThat(failed.failure().kind().prelude()).isTrue();
        assertThat(failed.failure().kind()).isNotEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(failed.failure().detail()).contains(detail);
        assertThat(failed.facts().orElseThrow().fields()).containsEntry("encryption-requested", "on");
    }

    @Test
    void aBannerOfAnotherProtocolIsNamed() {
        PreludeStep.Failed failed = (PreludeStep.Failed) same(TdsPrelude.DEFAULT,
                "SSH-2.0-OpenSSH_9.2p1\r\n".getBytes(StandardCharsets.US_ASCII)).last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(failed.failure().detail()).contains("'SSH-2.0-OpenSSH_9.2p1'");
    }

    @Test
    void aPacketOfAnotherTypeInsideTheResponseIsUnexpected() {
        PreludeStep.Failed failed = (PreludeStep.Failed) same(TdsPrelude.DEFAULT,
                Hex.parse("0400000a00000100" + "0000" + "1201000800000200")).last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(failed.failure().detail()).contains("type 0x12 inside the PRELOGIN response");
    }

    @Test
    void endlessPacketsWithoutEndOfMessageStopAtTheBound() {
        ByteArrayOutputStream endless = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            endless.writeBytes(Hex.parse("0400000800000100"));
        }
        PreludeStep.Failed failed = (PreludeStep.Failed) PreludeFeed.feed(TdsPrelude.DEFAULT,
                endless.toByteArray(), 4096).last();
        assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(failed.failure().detail()).contains("without its end");
        byte[] big = new byte[4096];
        big[0] = 0x04;
        big[2] = 0x10;
        ByteArrayOutputStream tenMegabytes = new ByteArrayOutputStream();
        while (tenMegabytes.size() < 10 << 20) {
            tenMegabytes.writeBytes(big);
        }
        failed = (PreludeStep.Failed) PreludeFeed.feed(TdsPrelude.DEFAULT, tenMegabytes.toByteArray(), 65536).last();
        assertThat(failed.failure().detail()).contains("without its end");
    }

    @Test
    void aResponseCutShortWaitsWithWhatWasAsked() {
        for (int n = 0; n < RESPONSE.length; n++) {
            Fed fed = PreludeFeed.feed(TdsPrelude.DEFAULT, Arrays.copyOf(RESPONSE, n), 1);
            assertThat(fed.last()).as("%d bytes", n).isInstanceOf(PreludeStep.GoOn.class);
        }
        assertThat(TdsPrelude.DEFAULT.open().factsSoFar().orElseThrow().fields())
                .isEqualTo(fields("encryption-requested", "on"));
        assertThat(Hex.parse("0401002b00000100" + TABLE + DATA)).isEqualTo(RESPONSE);
    }

    @Test
    void mutatedAndRandomResponsesAreValuesTheSameInEveryCut() {
        int decided = 0;
        int all = 0;
        for (String vector : List.of("mssql-spec-2012-off", "mssql-spec-2008r2-notsup")) {
            for (byte[] reply : PreludeFeed.mutants(Vectors.load("prelude/" + vector + ".server.hex"), 2000)) {
                decided += same(TdsPrelude.DEFAULT, reply).last() instanceof PreludeStep.GoOn ? 0 : 1;
                all++;
            }
        }
        assertThat(decided).as("a good part of the mutants are decided, not left waiting").isGreaterThan(all / 3);
    }
}
