package io.tlsweep.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tlsweep.analysis.FileReadingOffender;
import io.tlsweep.input.ResolvingOffender;
import io.tlsweep.wire.UpwardImportOffender;
import org.junit.jupiter.api.Test;

/** The code keeps {@link HouseRules#RULE}, and the same rule object fails on code that breaks it. */
class HouseRulesTest {

    @Test
    void theCodeKeepsTheRuleInForce() {
        HouseRules.RULE.check(HouseRules.main());
    }

    @Test
    void theRuleInForceFailsOnAWrongImportAResolutionBelowTheEngineAndAFileReadInAPurePackage() {
        JavaClasses withOffenders = new ClassFileImporter()
                .withImportOption(location -> !location.contains("/test-classes/")
                        || location.contains("Offender"))
                .importPackages("io.tlsweep");
        assertThatThrownBy(() -> HouseRules.RULE.check(withOffenders)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(UpwardImportOffender.class.getName())
                .hasMessageContaining("io.tlsweep.report.ResultJson")
                .hasMessageContaining(FileReadingOffender.class.getName())
                .hasMessageContaining("java.nio.file.Files")
                .hasMessageContaining(ResolvingOffender.class.getName())
                .hasMessageContaining("java.net.InetAddress");
    }

    @Test
    void anEmptyLayerFailsRatherThanPassing() {
        JavaClasses withoutRun = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/tlsweep/run/"))
                .importPackages("io.tlsweep");
        assertThatThrownBy(() -> HouseRules.RULE.check(withoutRun)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Layer 'run' is empty");
    }
}
