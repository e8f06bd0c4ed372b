package io.tlsweep.prelude.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.Vectors;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the SMTP prelude on any bytes a server may send. Properties: it never throws; it
 * decides the same (the same failure or start of TLS, the same facts, and unless it failed the same bytes
 * written) whether the bytes come in one read or one byte at a time; its facts stay within their bounds (the
 * banner, the mechanisms), and a failure is of the prelude family, with words.
 */
@Tag("fuzz")
public class SmtpPreludeFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void anyServerBytesGiveTheSameBoundedDecisionHoweverSplit(byte[] data) {
        SmtpCodecTest.Fed whole = SmtpCodecTest.feed(SmtpProtocol.SMTP, data, SmtpCodecTest.Split.WHOLE);
        SmtpCodecTest.Fed bytes = SmtpCodecTest.feed(SmtpProtocol.SMTP, data, SmtpCodecTest.Split.BYTE_BY_BYTE);

        assertThat(SmtpCodecTest.describe(bytes)).isEqualTo(SmtpCodecTest.describe(whole));
        Optional<PreludeFacts> facts = whole.soFar();
        if (whole.step() instanceof PreludeStep.Failed f) {
            assertThat(f.failure().kind().prelude()).isTrue();
            assertThat(f.failure().detail()).isNotBlank();
            facts = f.facts();
        } else if (whole.step() instanceof PreludeStep.TlsMayStart s) {
            facts = Optional.of(s.facts());
        }
        facts.map(SmtpFacts.class::cast).ifPresent(f -> {
            assertThat(f.banner().length()).isLessThanOrEqualTo(SmtpFacts.MAX_BANNER);
            assertThat(f.authBeforeTls()).hasSizeLessThanOrEqualTo(EhloReply.MAX_MECHANISMS)
                    .allMatch(m -> m.length() <= EhloReply.MAX_MECHANISM);
        });
    }

    /** What real servers said before TLS (vectors/prelude) and another protocol's banner. */
    public static Stream<byte[]> seeds() {
        return Stream.concat(Stream.of("postfix-starttls", "postfix-no-tls", "postfix-tls-broken",
                "postfix-postscreen", "postfix-denied", "postfix-too-many").map(n -> "prelude/" + n + ".server.hex"),
                List.of("ssh-banner.server.hex").stream()).map(Vectors::load);
    }
}
