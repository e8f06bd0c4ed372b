package io.tlsweep.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The wire codec, the prelude codecs and the probes are pure: they see bytes and outcomes, never channels or
 * sockets, so they can be tested with captured byte vectors. Only the engine touches the network.
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

    @Test
    void preludesArePure() {
        noNetworkIn("prelude").check(MAIN);
        noClasses().that().resideInAPackage("io.tlsweep.prelude..").should().dependOnClassesThat()
                .resideInAPackage("io.netty..").because("a prelude codec is bytes in, bytes out").check(MAIN);
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
