package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.input.ParsedLine;
import io.tlsweep.input.StartTls;
import io.tlsweep.input.Target;
import io.tlsweep.input.TargetLine;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code --starttls} and {@code --client-name} against the real registry: {@code auto} picks SMTP on 25 and 587
 * and LMTP on 24 and nothing on the direct-TLS ports of the same services; a target's protocol becomes its
 * prelude; bad values are refused with what is allowed.
 */
class PreludeSettingsTest {
    private static List<String> resolved(PreludeSettings settings, String line) {
        ParsedLine parsed = TargetLine.parse(line, "t:1", List.of(25, 587, 24, 465, 443), settings.startTls());
        return StreamSupport.stream(((ParsedLine.Targets) parsed).spliterator(), false)
                .map(t -> t.port() + ":" + t.prelude().orElse("tls")).toList();
    }

    @Test
    void autoPicksTheProtocolOfThePort() {
        assertThat(resolved(PreludeSettings.DEFAULT, "192.0.2.1"))
                .containsExactly("25:smtp", "587:smtp", "24:lmtp", "465:tls", "443:tls");
        assertThat(resolved(new PreludeSettings("none", "x.invalid"), "192.0.2.1"))
                .containsExactly("25:tls", "587:tls", "24:tls", "465:tls", "443:tls");
        assertThat(resolved(new PreludeSettings("SMTP", "x.invalid"), "192.0.2.1 starttls=auto"))
                .containsExactly("25:smtp", "587:smtp", "24:lmtp", "465:tls", "443:tls");
        assertThat(PreludeSettings.DEFAULT.startTls().names()).contains("smtp", "lmtp");
    }

    @Test
    void aTargetsProtocolBecomesItsPreludeWithTheClientName() {
        Target smtp = new Target("192.0.2.1:25", "192.0.2.1", 25, Optional.of("mx.example"), true, "t:1",
                Optional.of("smtp"));
        assertThat(new PreludeSettings("auto", "scanner.example").prelude(smtp).orElseThrow())
                .hasToString("smtp (EHLO scanner.example)");
        assertThat(PreludeSettings.DEFAULT.prelude(smtp.withPrelude(Optional.empty()))).isEmpty();
    }

    @Test
    void badValuesAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> new PreludeSettings("smtps", "x.invalid"))
                .hasMessageStartingWith("unknown protocol 'smtps' (").hasMessageContaining("smtp")
                .hasMessageContaining("lmtp").hasMessageEndingWith(", none or auto)");
        assertThatThrownBy(() -> new PreludeSettings(StartTls.AUTO, " "))
                .hasMessage("the client name is empty");
        assertThatThrownBy(() -> new PreludeSettings(StartTls.AUTO, "x\r\nQUIT"))
                .hasMessageContaining("printable ASCII");
    }
}
