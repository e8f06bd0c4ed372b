package io.tlsweep.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    enum Colour implements Labelled {
        RED("red"), DARK_BLUE("dark-blue"), GREEN("green");

        private final String label;

        Colour(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    enum Twins implements Labelled {
        FIRST("same"), SECOND("other"), THIRD("same");

        private final String label;

        Twins(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    enum Unlabelled implements Labelled {
        NAMED, BLANK;

        @Override
        public String label() {
            return this == NAMED ? "named" : "";
        }
    }

    enum Shouting implements Labelled {
        QUIET, LOUD;

        @Override
        public String label() {
            return this == QUIET ? "quiet" : "LOUD";
        }
    }

    enum Single implements Labelled {
        ONLY;

        @Override
        public String label() {
            return "only";
        }
    }

    private static final Labels<Colour> EXACT = Labels.of(Colour.class);
    private static final Labels<Colour> ANY_CASE = Labels.ofAnyCase(Colour.class);

    @Test
    void findGivesTheConstantOfALabelAndNothingForAnyOtherText() {
        assertThat(EXACT.find("dark-blue")).contains(Colour.DARK_BLUE);
        assertThat(EXACT.find("red")).contains(Colour.RED);
        assertThat(EXACT.find("Red")).isEmpty();
        assertThat(EXACT.find(" red")).isEmpty();
        assertThat(EXACT.find("DARK_BLUE")).as("the constant's name is not its label").isEmpty();
        assertThat(EXACT.find("")).isEmpty();
        assertThat(EXACT.find(null)).isEmpty();
    }

    @Test
    void requireGivesTheConstantOrSaysWhatWasAskedForAndListsTheLabels() {
        assertThat(EXACT.require("green", "colour")).isSameAs(Colour.GREEN);
        assertThatThrownBy(() -> EXACT.require("purple", "colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour 'purple' (expected one of red, dark-blue, green)");
        assertThatThrownBy(() -> EXACT.require(null, "colour")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown colour 'null' (expected one of red, dark-blue, green)");
    }

    @Test
    void theUnknownTextIsQuotedAsGivenWithItsControlCharactersEscaped() {
        assertThatThrownBy(() -> ANY_CASE.require(" Pur\u001b[2Jple\u0007 ", "colour"))
                .hasMessage("unknown colour ' Pur\\x1b[2Jple\\x07 ' (expected one of red, dark-blue, green)");
    }

    @Test
    void anyCaseIgnoresCaseAndSurroundingBlanksButNothingInside() {
        assertThat(ANY_CASE.find(" Dark-BLUE\t")).contains(Colour.DARK_BLUE);
        assertThat(ANY_CASE.find("RED")).contains(Colour.RED);
        assertThat(ANY_CASE.require("  green ", "colour")).isSameAs(Colour.GREEN);
        assertThat(ANY_CASE.find("dark - blue")).isEmpty();
        assertThat(ANY_CASE.find("   ")).isEmpty();
        assertThat(ANY_CASE.find(null)).isEmpty();
    }

    @Test
    void allListsTheLabelsInTheOrderOfTheConstantsAndCannotBeChanged() {
        assertThat(EXACT.all()).containsExactly("red", "dark-blue", "green");
        assertThatThrownBy(() -> EXACT.all().add("purple")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void alternativesReadAsASentence() {
        assertThat(EXACT.alternatives()).isEqualTo("red, dark-blue or green");
        assertThat(Labels.of(Single.class).alternatives()).isEqualTo("only");
    }

    @Test
    void aLabelTwoConstantsShareIsAnErrorWhenBuiltNamingBoth() {
        assertThatThrownBy(() -> Labels.of(Twins.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Twins.class.getName() + ".THIRD: the label 'same' is already " + Twins.class.getName()
                        + ".FIRST's label");
    }

    @Test
    void anEmptyLabelIsAnErrorWhenBuilt() {
        assertThatThrownBy(() -> Labels.of(Unlabelled.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Unlabelled.class.getName() + ".BLANK has no label");
    }

    @Test
    void aLabelNoTextCouldMatchWhenCaseIsIgnoredIsAnErrorWhenBuilt() {
        assertThat(Labels.of(Shouting.class).find("LOUD")).contains(Shouting.LOUD);
        assertThatThrownBy(() -> Labels.ofAnyCase(Shouting.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(Shouting.class.getName() + ".LOUD: the label 'LOUD' is not in lower case");
    }

    @Test
    void aliasesFindTheirConstantAreMatchedTheSameWayAndAreNotListed() {
        Labels<Colour> withAliases = ANY_CASE.withAliases(Map.of("crimson", Colour.RED, "navy", Colour.DARK_BLUE));
        assertThat(withAliases.find("Crimson ")).contains(Colour.RED);
        assertThat(withAliases.find("navy")).contains(Colour.DARK_BLUE);
        assertThat(withAliases.find("red")).contains(Colour.RED);
        assertThat(withAliases.all()).containsExactly("red", "dark-blue", "green");
        assertThatThrownBy(() -> withAliases.require("teal", "colour"))
                .hasMessage("unknown colour 'teal' (expected one of red, dark-blue, green)");
        assertThat(ANY_CASE.find("crimson")).as("the labels it was made from are unchanged").isEmpty();
        assertThat(EXACT.withAliases(Map.of("Crimson", Colour.RED)).find("crimson")).isEmpty();
    }

    @Test
    void anAliasThatIsALabelOrCouldNeverMatchIsAnErrorWhenBuilt() {
        assertThatThrownBy(() -> EXACT.withAliases(Map.of("green", Colour.RED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(Colour.class.getName()
                        + ".RED: the alias 'green' is already " + Colour.class.getName() + ".GREEN's label");
        assertThatThrownBy(() -> EXACT.withAliases(Map.of("red", Colour.RED)))
                .hasMessage(Colour.class.getName() + ".RED: the alias 'red' is already its own label");
        assertThatThrownBy(() -> ANY_CASE.withAliases(Map.of("Crimson", Colour.RED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(Colour.class.getName() + ".RED: the alias 'Crimson' is not in lower case");
    }
}
