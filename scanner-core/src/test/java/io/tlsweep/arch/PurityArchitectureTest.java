package io.tlsweep.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The wire codec and the probes are pure: they see bytes and outcomes, never channels or sockets, so
 * they can be tested with captured byte vectors. Only the engine touches the network.
 */
class PurityArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tlsweep");

    private static ArchRule noNetworkIn(String layer) {
        return noClasses().that().resideInAPackage("io.tlsweep." + layer + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty.channel..", "io.netty.bootstrap..", "io.netty.resolver..",
                        "java.net..", "java.nio.channels..", "javax.net..")
                .because(layer + " must stay pure: no sockets, no Netty channels, no name resolution")
                .allowEmptyShould(true);
    }

    @Test
    void wireIsPure() {
        noNetworkIn("wire").check(MAIN);
    }

    @Test
    void probesArePure() {
        noNetworkIn("probe").check(MAIN);
    }

    /** A check sees hellos and outcomes, never a channel, a socket or a file: it is tested with scripted answers. */
    @Test
    void checksArePure() {
        noNetworkIn("check").check(MAIN);
        noClasses().that().resideInAPackage("io.tlsweep.check..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat()
                .haveNameMatching("java\\.io\\.(File(In|Out)putStream|RandomAccessFile|FileReader|FileWriter)")
                .because("a check reads no file: what it needs comes from its outcomes and the earlier checks")
                .check(MAIN);
    }

    @Test
    void theRuleCatchesAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.check(offender))
                .isInstanceOf(AssertionError.class).hasMessageContaining("java.net.Socket");
    }

    /** A class that breaks the rule, to show the rule can fail. */
    static final class Offender {
        java.net.Socket socket() {
            return new java.net.Socket();
        }
    }
}
