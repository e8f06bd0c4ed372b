package io.tlsweep.target;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Target parsing never resolves a name: the package does not even see java.net or Netty. */
class TargetPurityArchitectureTest {

    @Test
    void targetParsingNeverTouchesTheNetworkOrAResolver() {
        noClasses().that().resideInAPackage("io.tlsweep.target..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "java.net..", "javax.net..", "java.nio.channels..", "io.netty..")
                .because("the engine resolves names; a literal check must not resolve (InetAddress.getByName does)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tlsweep.target"));
    }
}
