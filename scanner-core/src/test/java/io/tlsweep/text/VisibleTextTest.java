package io.tlsweep.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VisibleTextTest {

    @Test
    void escEscapeSequencesBellAndNulBecomeVisibleEscapes() {
        assertThat(VisibleText.of("a\u001b[2Jb\u0007c\u0000d")).isEqualTo("a\\x1b[2Jb\\x07c\\x00d");
    }

    @Test
    void lineBreaksTabsDelAndC1ControlsAreEscapedToo() {
        assertThat(VisibleText.of("x\r\ny\tz\u007f\u009b31m")).isEqualTo("x\\x0d\\x0ay\\x09z\\x7f\\x9b31m");
    }

    @Test
    void bidiOverridesAndLineSeparatorsAreEscaped() {
        assertThat(VisibleText.of("admin\u202etxt.exe\u2066\u2029")).isEqualTo("admin\\u202etxt.exe\\u2066\\u2029");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii: 127.0.0.1:443", "ünïcödé Ωμέγα 東京 😀", "back\\slash \\x1b literal",
        "\u00a0no-break space", "\u00a0\u00ff"})
    void safeTextIsReturnedAsItIs(String text) {
        assertThat(VisibleText.of(text)).isSameAs(text);
    }

    @Test
    void nothingUnsafeIsLeftForAnyCharacter() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String shown = VisibleText.of("<" + c + ">");
            for (int i = 0; i < shown.length(); i++) {
                assertThat(VisibleText.isUnsafe(shown.charAt(i))).as("U+%04X", (int) c).isFalse();
            }
            assertThat(Character.getType(c) == Character.CONTROL && shown.length() == 3).as("U+%04X", (int) c)
                    .isFalse();
        }
    }

    @Test
    void nullStaysNull() {
        assertThat(VisibleText.of(null)).isNull();
    }
}
