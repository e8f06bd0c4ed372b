package io.tlsweep.bench.starttls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The median and range the benchmark prints for each set. */
class SpreadTest {

    @Test
    void anOddCountTakesTheMiddleValueWhateverTheOrder() {
        Spread s = Spread.of(List.of(7.4, 6.9, 7.1));
        assertThat(s).isEqualTo(new Spread(7.1, 6.9, 7.4, 3));
        assertThat(s.format(2)).isEqualTo("7.10 (6.90–7.40)");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheTwoMiddleValues() {
        Spread s = Spread.of(List.of(4.0, 1.0, 3.0, 10.0));
        assertThat(s.median()).isEqualTo(3.5);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(10.0);
    }

    @Test
    void oneValueIsItsOwnMedianAndIsPrintedWithoutARange() {
        Spread s = Spread.of(List.of(61.0));
        assertThat(s).isEqualTo(new Spread(61.0, 61.0, 61.0, 1));
        assertThat(s.format(1)).isEqualTo("61.0");
    }

    @Test
    void theRatioComparesMedians() {
        Spread starttls = Spread.of(List.of(9.0, 3.0, 6.0));
        Spread direct = Spread.of(List.of(1.0, 4.0, 100.0));
        assertThat(starttls.ratioTo(direct)).isEqualTo(1.5);
    }

    @Test
    void noValuesOrANonFiniteOneIsRefused() {
        assertThatThrownBy(() -> Spread.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Spread.of(List.of(1.0, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a finite number");
    }
}
