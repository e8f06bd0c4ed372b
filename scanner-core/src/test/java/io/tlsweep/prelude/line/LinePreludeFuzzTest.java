package io.tlsweep.prelude.line;

import io.tlsweep.prelude.ShortText;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeFeed;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeFeed.Split;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ftp.FtpPrelude;
import io.tlsweep.prelude.imap.ImapPrelude;
import io.tlsweep.prelude.nntp.NntpPrelude;
import io.tlsweep.prelude.pop3.Pop3Prelude;
import io.tlsweep.prelude.sieve.SievePrelude;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.testing.Fuzzing;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the line-based STARTTLS preludes (imap, pop3, ftp, nntp, sieve; the first byte picks
 * one, the rest is what the server sends). Properties: whatever the bytes, the answer is a value; it is the same
 * fed whole, in 7-byte pieces or byte by byte (the same failure and facts, or TLS with the same facts); TLS starts
 * exactly after the line that allowed it (the bytes after it are left for TLS, none before it); the facts stay
 * short (a banner of at most 200 characters, at most 32 mechanisms of at most 64).
 */
@Tag("fuzz")
public class LinePreludeFuzzTest {
    static final List<Prelude> PRELUDES = List.of(new ImapPrelude(), new Pop3Prelude(), new FtpPrelude(),
            new NntpPrelude(), new SievePrelude());

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void everyServerGetsOneAnswerHoweverItsBytesAreSplit(byte[] data) {
        if (data.length == 0 || data.length > PreludeFeed.MAX_BYTES) {
            return;
        }
        Prelude prelude = PRELUDES.get((data[0] & 0xFF) % PRELUDES.size());
        byte[] server = Arrays.copyOfRange(data, 1, data.length);
        Fed whole = PreludeFeed.feed(prelude, server, Split.WHOLE);
        Fed pieces = PreludeFeed.feed(prelude, server, Split.PIECES_OF_7);
        Fed bytes = PreludeFeed.feed(prelude, server, Split.BYTE_BY_BYTE);

        for (Fed other : List.of(pieces, bytes)) {
            assertThat(outcome(other)).isEqualTo(outcome(whole));
        }
        if (whole.last() instanceof PreludeStep.TlsMayStart) {
            assertThat(bytes.run().leftover()).isEmpty();
            assertThat(whole.run().leftover()).isEqualTo(Arrays.copyOfRange(server, bytes.handedOver(),
                    server.length));
            assertThat(server[bytes.handedOver() - 1]).as("TLS starts after a line end").isEqualTo((byte) '\n');
            assertThat(whole.written()).isEqualTo(bytes.written());
        }
        outcomeFacts(whole).ifPresent(LinePreludeFuzzTest::factsStayShort);
    }

    /** What a feed ended with, comparable across splits: the step's kind, its failure and its facts. */
    private static List<Object> outcome(Fed fed) {
        if (fed.last() instanceof PreludeStep.TlsMayStart tls) {
            return List.of("tls", tls.facts());
        }
        if (fed.last() instanceof PreludeStep.Failed failed) {
            return List.of("failed", failed.failure(), failed.facts());
        }
        return List.of("go on", fed.run().factsSoFar());
    }

    private static Optional<PreludeFacts> outcomeFacts(Fed fed) {
        if (fed.last() instanceof PreludeStep.TlsMayStart tls) {
            return Optional.of(tls.facts());
        }
        return fed.last() instanceof PreludeStep.Failed failed ? failed.facts() : fed.run().factsSoFar();
    }

    private static void factsStayShort(PreludeFacts facts) {
        facts.fields().forEach((name, value) -> {
            if (value instanceof String text) {
                assertThat(text.length()).as(name).isLessThanOrEqualTo(ShortText.MAX_CHARS);
            } else if (value instanceof List<?> list) {
                assertThat(list).as(name).hasSizeLessThanOrEqualTo(MechanismList.MAX + 1);
                list.forEach(m -> assertThat(((String) m).length()).as(name)
                        .isLessThanOrEqualTo(MechanismList.MAX_LENGTH + 8));
            }
        });
    }

    /** The captured exchanges, each with the byte that picks its own protocol, and with every other's. */
    public static Stream<byte[]> seeds() {
        return Stream.of("imap-dovecot-starttls", "imap-dovecot-plaintext", "imap-dovecot-no-tls",
                "pop3-dovecot-starttls", "pop3-dovecot-plaintext", "pop3-dovecot-no-tls", "ftp-vsftpd-auth-tls",
                "ftp-vsftpd-no-tls", "ftp-vsftpd-too-many", "nntp-inn-starttls", "nntp-inn-no-certificate",
                "nntp-inn-refused", "sieve-dovecot-starttls", "sieve-dovecot-plaintext", "sieve-dovecot-no-tls")
                .map(name -> PreludeFeed.vector(name + ".server"))
                .flatMap(v -> IntStream.range(0, PRELUDES.size()).mapToObj(p -> withPrelude(p, v)));
    }

    private static byte[] withPrelude(int prelude, byte[] server) {
        byte[] out = new byte[server.length + 1];
        out[0] = (byte) prelude;
        System.arraycopy(server, 0, out, 1, server.length);
        return out;
    }
}
