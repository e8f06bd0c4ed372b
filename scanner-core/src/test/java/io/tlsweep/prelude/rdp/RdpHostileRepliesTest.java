package io.tlsweep.prelude.rdp;

import static io.tlsweep.prelude.PreludeFeed.fields;
import static io.tlsweep.prelude.PreludeFeed.same;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replies that are not a Connection Confirm, cut short, huge or endless: each is a value (go on, or a prelude
 * failure saying what came), never an exception, and the same fed whole, in pieces and byte by byte.
 */
class RdpHostileRepliesTest {
    private static final byte[] CONFIRM = Vectors.load("prelude/rdp-xrdp-tls-ssl-hybrid-hybridex.server.hex");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0300ffff0ed0                              | PRELUDE_UNEXPECTED | a length of 65535 bytes",
        "03000201                                  | PRELUDE_UNEXPECTED | a length of 513 bytes",
        "03000005                                  | PRELUDE_UNEXPECTED | a length of 5 bytes",
        "03010013                                  | PRELUDE_UNEXPECTED | TPKT header 0301",
        "030000130ee000001234000201080001000000    | PRELUDE_UNEXPECTED | code 0xe0",
        "030000131fd000001234000201080001000000    | PRELUDE_UNEXPECTED | length indicator 31",
        "030000130bd000001234000201080001000000    | PRELUDE_UNEXPECTED | 5 bytes of negotiation data",
        "030000130ed000001234000101080001000000    | PRELUDE_UNEXPECTED | type 0x01",
        "030000130ed000001234000201090001000000    | PRELUDE_UNEXPECTED | length 9",
        "0300000b06800000123400                    | PRELUDE_UNEXPECTED | Disconnect Request",
        "15030300020228                            | PRELUDE_OTHER_PROTOCOL | TLS at once",
        "00010203                                  | PRELUDE_UNEXPECTED | bytes starting 00010203"})
    void aBrokenConfirmIsAFailureSayingWhatCame(String hex, FailureKind kind, String detail) {
        PreludeStep.Failed failed = (PreludeStep.Failed) same(RdpPrelude.DEFAULT, Hex.parse(hex))
                .last();
        assertThat(failed.failure().kind()).isEqualTo(kind);
        assertThat(failed.failure().detail()).contains(detail);
        assertThat(failed.facts().orElseThrow().fields()).containsEntry("requested-protocols",
                List.of("ssl", "hybrid", "hybrid-ex"));
    }

    @Test
    void anotherProtocolsBannerIsNamedEscapedAndShort() {
        for (String banner : List.of("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", "HTTP/1.1 400 Bad Request\r\n",
                "220 " + "x".repeat(500) + "\r\n")) {
            PreludeStep.Failed failed = (PreludeStep.Failed) same(RdpPrelude.DEFAULT,
                    banner.getBytes(StandardCharsets.US_ASCII)).last();
            assertThat(failed.failure().kind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
            String line = banner.strip();
            assertThat(failed.failure().detail()).contains("'" + line.substring(0, Math.min(64, line.length())) + "'")
                    .hasSizeLessThan(200);
        }
        PreludeStep.Failed quoted = (PreludeStep.Failed) same(RdpPrelude.DEFAULT,
                "ab'c\\\u0001\r\n".getBytes(StandardCharsets.ISO_8859_1)).last();
        assertThat(quoted.failure().detail()).contains("'ab\\x27c\\x5c\\x01'");
    }

    @Test
    void aTenMegabyteReplyEndsAtItsHeader() {
        byte[] huge = new byte[10 << 20];
        huge[0] = 3;
        huge[2] = (byte) 0xFF;
        huge[3] = (byte) 0xFF;
        Fed fed = PreludeFeed.feed(RdpPrelude.DEFAULT, huge, 64 * 1024);
        assertThat(((PreludeStep.Failed) fed.last()).failure().kind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        byte[] text = new byte[10 << 20];
        Arrays.fill(text, (byte) 'A');
        fed = PreludeFeed.feed(RdpPrelude.DEFAULT, text, 64 * 1024);
        assertThat(((PreludeStep.Failed) fed.last()).failure().kind())
                .isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
    }

    @Test
    void aConfirmCutShortWaitsWithWhatWasAsked() {
        for (int n = 0; n < CONFIRM.length; n++) {
            Fed fed = PreludeFeed.feed(RdpPrelude.DEFAULT, Arrays.copyOf(CONFIRM, n), 1);
            assertThat(fed.last()).as("%d bytes", n).isInstanceOf(PreludeStep.GoOn.class);
        }
        assertThat(RdpPrelude.DEFAULT.open().factsSoFar().orElseThrow().fields())
                .isEqualTo(fields("requested-protocols", List.of("ssl", "hybrid", "hybrid-ex")));
    }

    @Test
    void mutatedAndRandomRepliesAreValuesTheSameInEveryCut() {
        int decided = 0;
        for (String vector : List.of("rdp-xrdp-tls-ssl-hybrid-hybridex", "rdp-xrdp-tls-standard-only",
                "rdp-xrdp-tls-all-four")) {
            for (byte[] reply : PreludeFeed.mutants(Vectors.load("prelude/" + vector + ".server.hex"), 2000)) {
                Fed fed = same(RdpPrelude.DEFAULT, reply);
                decided += fed.last() instanceof PreludeStep.GoOn ? 0 : 1;
            }
        }
        assertThat(decided).as("most mutants are decided, not left waiting").isGreaterThan(5000);
    }
}
