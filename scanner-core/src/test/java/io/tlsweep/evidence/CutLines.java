package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Lines cut at every position and with every character replaced: a parser says bad, skipped or seen, never throws. */
final class CutLines {
    private CutLines() {
    }

    /**
     * Feeds every prefix of {@code line}, and the line with each character replaced by a space, a quote, a backslash
     * and a control, to a fresh parser of {@code format}; every prefix shorter than {@code seenFrom} must be bad.
     *
     * @return how many of the prefixes were bad
     */
    static int assertNeverThrows(LineFormat format, String line, int seenFrom) {
        int bad = 0;
        for (int cut = 0; cut < line.length(); cut++) {
            LineParser.Parsed p = format.start().parse(line.substring(0, cut));
            assertThat(p).as("prefix of %d characters", cut).isNotNull();
            if (p instanceof LineParser.Bad b) {
                assertThat(b.why()).isNotBlank();
                bad++;
            } else {
                assertThat(cut).as("a prefix of %d characters parsed as %s", cut, p).isGreaterThanOrEqualTo(seenFrom);
            }
        }
        for (int at = 0; at < line.length(); at++) {
            for (char c : List.of(' ', '"', '\\', '\u0001', 'x')) {
                String mutated = line.substring(0, at) + c + line.substring(at + 1);
                assertThat(format.start().parse(mutated)).as("'%s'", mutated).isNotNull();
            }
        }
        return bad;
    }
}
