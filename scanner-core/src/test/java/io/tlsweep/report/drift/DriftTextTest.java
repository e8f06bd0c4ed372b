package io.tlsweep.report.drift;

import static io.tlsweep.report.Results.readyEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTextTest {
    @Test
    void changesGroupedByEndpointThenACountLine() {
        String text = DriftText.render(DriftJsonTest.sample());

        assertThat(text).isEqualTo("""
                127.0.0.1:8443
                  version-enabled       TLSv1.0 enabled
                  legacy-enabled        legacy TLSv1.0 enabled
                  verdict-changed       verdict ready → legacy-enabled
                127.0.0.2:8443 (sni b.test)
                  certificate-changed   certificate 3fa100000000… → 9bc211111111…
                127.0.0.3:8443
                  disappeared           disappeared (verdict was ready)
                127.0.0.4:8443\\x1b[2J<b>
                  appeared              appeared (verdict ready)

                6 changes on 4 endpoints: appeared 1, disappeared 1, version-enabled 1, legacy-enabled 1, \
                certificate-changed 1, verdict-changed 1 (3 endpoints before, 3 now)
                """.replace("\n", System.lineSeparator()));
    }

    @Test
    void noChanges() {
        Drift none = Drift.between(List.of(readyEndpoint("127.0.0.1:8443").build()), List.of(readyEndpoint("127.0.0.1:8443").build()));

        assertThat(DriftText.render(none).strip()).isEqualTo("no changes (1 endpoint before, 1 now)");
    }

    @Test
    void controlCharactersAndLineBreaksCannotForgeLines() {
        Drift d = Drift.between(List.of(),
                List.of(readyEndpoint("127.0.0.1\n  disappeared  forged\r\u0007\u009b31m").sni("x\ty.test").build()));

        String text = DriftText.render(d);

        assertThat(text.lines()).hasSize(4);
        assertThat(text.lines().findFirst().orElseThrow())
                .isEqualTo("127.0.0.1 disappeared forged \\x07\\x9b31m (sni x y.test)");
        assertThat(text).doesNotContain("\u0007", "\u009b", "\r");
    }
}
