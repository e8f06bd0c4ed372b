package io.tlsweep.report.drift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Drift compares two files' lines: no network, no scanning engine. */
class DriftPurityArchitectureTest {
    @Test
    void driftIsPure() {
        noClasses().that().resideInAPackage("io.tlsweep.report.drift..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..", "java.nio.channels..",
                        "javax.net..", "io.tlsweep.engine..", "io.tlsweep.probe..", "io.tlsweep.scan..")
                .because("drift reads result lines only; it never scans")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tlsweep.report.drift"));
    }
}
