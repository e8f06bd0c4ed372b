package io.tlsweep.analysis;

import static io.tlsweep.analysis.ResultBuilder.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One vocabulary of weaknesses: every label and alias of a {@link Weakness}, in any case, means that weakness to
 * {@link Weakness#byName}, to {@code --assume-disabled} ({@link Assumption#parse}) and, where a scan rule reports
 * the weakness, to the finding lookup; tlsweep writes the label.
 */
class WeaknessVocabularyTest {
    /** The labels the README's table gives, written out here rather than taken from the code under test. */
    static final Map<Weakness, String> LABELS = Map.of(Weakness.NULL, "null", Weakness.ANONYMOUS, "anon",
            Weakness.EXPORT, "export", Weakness.RC4, "rc4", Weakness.RC2, "rc2", Weakness.DES, "des",
            Weakness.TRIPLE_DES, "3des", Weakness.MD5, "md5", Weakness.CBC, "cbc");

    /** The finding that reports each weakness's suites, as the README's table gives it. */
    static final Map<Weakness, FindingKind> FINDING = Map.of(Weakness.NULL, FindingKind.NULL_CIPHER,
            Weakness.ANONYMOUS, FindingKind.ANONYMOUS, Weakness.EXPORT, FindingKind.EXPORT,
            Weakness.RC4, FindingKind.RC4, Weakness.RC2, FindingKind.EXPORT, Weakness.DES, FindingKind.DES,
            Weakness.TRIPLE_DES, FindingKind.SWEET32, Weakness.MD5, FindingKind.MD5, Weakness.CBC,
            FindingKind.LUCKY13);

    /** The old spellings the issue names, each with the weakness it must still mean. */
    static final Map<String, Weakness> OLD_SPELLINGS = Map.of("3DES", Weakness.TRIPLE_DES, "TRIPLE_DES",
            Weakness.TRIPLE_DES, "3des-sweet32", Weakness.TRIPLE_DES, "DES-CBC3", Weakness.TRIPLE_DES, "aNULL",
            Weakness.ANONYMOUS, "eNULL", Weakness.NULL, "EXP", Weakness.EXPORT, "ANONYMOUS", Weakness.ANONYMOUS,
            "3DES_EDE_CBC", Weakness.TRIPLE_DES);

    static List<String> names(Weakness w) {
        List<String> names = new ArrayList<>();
        names.add(w.label());
        names.addAll(w.aliases());
        return names;
    }

    /** A name as typed: as listed, in upper case, with its first letter flipped, with blanks around. */
    static Stream<String> spellings(String name) {
        String flipped = name.isEmpty() ? name : (Character.isUpperCase(name.charAt(0))
                ? name.substring(0, 1).toLowerCase(Locale.ROOT) : name.substring(0, 1).toUpperCase(Locale.ROOT))
                + name.substring(1);
        return Stream.of(name, name.toUpperCase(Locale.ROOT), flipped, " " + name + " ");
    }

    @ParameterizedTest
    @EnumSource(Weakness.class)
    void everyNameOfAWeaknessMeansItToTheLookupAndToTheWhatIf(Weakness w) {
        assertThat(w.label()).isEqualTo(LABELS.get(w)).matches("[a-z0-9]+");
        assertThat(w.aliases()).allSatisfy(a -> assertThat(a).isEqualTo(a.toLowerCase(Locale.ROOT).trim()));
        for (String name : names(w)) {
            spellings(name).forEach(typed -> {
                assertThat(Weakness.byName(typed)).as(typed).contains(w);
                Assumption a = Assumption.parse(typed);
                assertThat(a.classes()).as(typed).containsExactly(w);
                assertThat(a.versions()).as(typed).isEmpty();
                assertThat(a.suites()).as(typed).isEmpty();
                assertThat(a.label()).as(typed).isEqualTo(w.label());
            });
        }
    }

    @Test
    void noNameIsTwoWeaknessesOrAVersion() {
        Map<String, Weakness> seen = new HashMap<>();
        for (Weakness w : Weakness.values()) {
            for (String name : names(w)) {
                assertThat(seen.put(name, w)).as(name + " names " + w + " and another").isNull();
                assertThat(ProtocolVersion.parse(name)).as(name).isEmpty();
            }
        }
        OLD_SPELLINGS.forEach((old, w) -> assertThat(Weakness.byName(old)).as(old).contains(w));
    }

    @ParameterizedTest
    @EnumSource(Weakness.class)
    void theFindingThatReportsAWeaknessIsFoundFromItsNamesAndRaisedByItsSuites(Weakness w) {
        FindingKind kind = FINDING.get(w);
        if (w == Weakness.RC2) {
            assertThat(FindingKind.reporting(w)).isEmpty();
            assertThat(CipherSuites.all()).filteredOn(s -> s.weaknesses().contains(Weakness.RC2)).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.weaknesses()).as(s.ianaName()).contains(Weakness.EXPORT));
        } else {
            assertThat(FindingKind.reporting(w)).contains(kind);
            assertThat(kind.weakness()).contains(w);
            assertThat(Weakness.byName(kind.label())).as("the finding's label is a name of " + w).contains(w);
        }
        for (String name : names(w)) {
            Optional<FindingKind> byName = Weakness.byName(name).flatMap(FindingKind::reporting);
            assertThat(byName).as(name).isEqualTo(FindingKind.reporting(w));
        }
        CipherSuite suite = CipherSuites.all().stream().filter(s -> s.weaknesses().contains(w))
                .filter(s -> s.usableIn(ProtocolVersion.TLSv1_0)).findFirst().orElseThrow();
        List<Finding> findings = Findings.of(result().accepts(ProtocolVersion.TLSv1_0, suite.code()).build());
        assertThat(findings).extracting(Finding::kind).as(suite.ianaName()).contains(kind);
    }

    @Test
    void onlyTheScanRulesAboutSuitesHaveAWeakness() {
        Set<FindingKind> keyed = Set.copyOf(FINDING.values());
        for (FindingKind k : FindingKind.SCAN_RULES) {
            assertThat(k.weakness().isPresent()).as(k.label()).isEqualTo(keyed.contains(k));
        }
    }

    @Test
    void aWhatIfListTakesOldSpellingsTogetherAndNamesWhatItDisablesByLabel() {
        Assumption a = Assumption.parse("TLSv1.0,TRIPLE_DES,aNULL,EXP,eNULL,3des-sweet32,Rc4");
        assertThat(a.label()).isEqualTo("TLSv1.0, null, anon, export, rc4, 3des");
    }

    @Test
    void theVerdictsReasonNamesTheWeaknessesByLabel() {
        Assessment a = Readiness.assess(result().accepts(ProtocolVersion.TLSv1_2, 0x000A, 0x0005, 0x0018).build());
        assertThat(a.verdict()).isEqualTo(Verdict.NO_COMMON_ALGORITHM_RISK);
        assertThat(a.reason()).contains("(anon/rc4/3des/md5)");
    }

    @Test
    void aNameThatIsNoWeaknessIsRefusedWithTheVocabulary() {
        assertThat(Weakness.byName("sweet64")).isEmpty();
        assertThat(Weakness.byName(null)).isEmpty();
        assertThatThrownBy(() -> Assumption.parse("TLSv1.0,3dez"))
                .hasMessageContaining("'3dez' (item 2")
                .hasMessageContaining("null, anon, export, rc4, rc2, des, 3des, md5, cbc");
    }
}
