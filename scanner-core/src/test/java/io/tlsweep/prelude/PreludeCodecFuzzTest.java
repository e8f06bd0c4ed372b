package io.tlsweep.prelude;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.ldap.LdapProtocol;
import io.tlsweep.prelude.mysql.MysqlProtocol;
import io.tlsweep.prelude.postgres.PostgresProtocol;
import io.tlsweep.prelude.xmpp.XmppProtocol;
import io.tlsweep.testing.Fuzzing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the LDAP, PostgreSQL, MySQL and XMPP prelude codecs: the first byte picks the
 * codec, the rest is what the server sends. Properties: fed whole and byte by byte, every run ends in a value
 * (no exception), consumes no more than it was given, and names a failure with words; facts hold only the
 * allowed types, server text cut short, lists bounded; what is sent does not depend on how the bytes were split
 * unless the run failed (a failure in the same read drops what the codec asked to send before it, as
 * {@link PreludeRun} does: the connection ends); and the answer does not depend on how the bytes were
 * split, except that a TLS start byte by byte may become a failure, or a wait for the rest of a line of text,
 * when more bytes came with it in one read (bytes before the client's first TLS byte are refused; "SS" may be an
 * SSH banner). Seeds: the captured vectors of vectors/prelude.
 */
@Tag("fuzz")
public class PreludeCodecFuzzTest {
    private static final List<Prelude> PRELUDES = List.of(new LdapProtocol(), new PostgresProtocol(),
            new MysqlProtocol(), XmppProtocol.CLIENT.prelude(new PreludeContext(Optional.of("test.example"), "c")),
            XmppProtocol.SERVER.prelude(new PreludeContext(Optional.empty(), "c")));
    private static final List<String> PREFIXES = List.of("ldap", "postgres", "mysql", "xmpp-", "xmpp-server");

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void everyAnswerIsOneValueHoweverSplit(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Prelude prelude = PRELUDES.get((data[0] & 0xFF) % PRELUDES.size());
        byte[] server = Arrays.copyOfRange(data, 1, data.length);
        Fed whole = PreludeFeed.feed(prelude, server, Integer.MAX_VALUE);
        Fed bytewise = PreludeFeed.feed(prelude, server, 1);
        holds(whole, server.length);
        holds(bytewise, server.length);
        if (bytewise.tlsMayStart() && !whole.tlsMayStart()) {
            assertThat(server.length).as("a TLS start that bytes came with").isGreaterThan(bytewise.last().consumed());
        } else {
            assertThat(whole.outcome()).isEqualTo(bytewise.outcome());
            if (!(whole.last() instanceof PreludeStep.Failed)) {
                assertThat(whole.sent()).isEqualTo(bytewise.sent());
            }
        }
    }

    private static void holds(Fed e, int given) {
        assertThat(e.last().consumed()).isBetween(0, given);
        if (e.last() instanceof PreludeStep.Failed f) {
            assertThat(f.failure().detail()).isNotBlank();
        }
        if (!(e.last() instanceof PreludeStep.GoOn)) {
            factsHold(e.fields());
        }
    }

    private static void factsHold(Map<String, Object> fields) {
        fields.forEach((name, value) -> {
            assertThat(name).matches("[a-z]+(-[a-z]+)*");
            assertThat(value).isInstanceOfAny(String.class, Boolean.class, Integer.class, Long.class, List.class);
            if (value instanceof String s) {
                assertThat(s.length()).isLessThanOrEqualTo(ShortText.MAX_CHARS + 3);
            }
            if (value instanceof List<?> list) {
                assertThat(list).hasSizeLessThanOrEqualTo(32).allSatisfy(item -> assertThat(item)
                        .isInstanceOfSatisfying(String.class, s -> assertThat(s.length())
                                .isLessThanOrEqualTo(ShortText.MAX_CHARS + 3)));
            }
        });
    }

    /** Every captured server vector, after the byte that picks its codec. */
    public static Stream<byte[]> seeds() {
        try (Stream<Path> files = Files.list(Path.of(PreludeCodecFuzzTest.class.getResource("/vectors/prelude")
                .toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".server.hex")).sorted()
                    .map(n -> tagged(n, PreludeFeed.vector(n.substring(0, n.length() - 4)))).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tagged(String name, byte[] bytes) {
        int codec = 0;
        for (int i = 0; i < PREFIXES.size(); i++) {
            codec = name.startsWith(PREFIXES.get(i)) ? i : codec;
        }
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) codec;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }
}
