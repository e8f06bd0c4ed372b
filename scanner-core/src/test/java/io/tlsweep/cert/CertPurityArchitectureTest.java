package io.tlsweep.cert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Certificate analysis is pure: no sockets, no Netty, no name resolution (IP literals are parsed without
 * {@code InetAddress}), and it depends on no other tlsweep package, so the engine, the analysis and the
 * reports can all use it. ({@code javax.net.ssl} is allowed: the JDK's default trust anchors come
 * from its {@code TrustManagerFactory}.)
 */
class CertPurityArchitectureTest {

    private static final JavaClasses CERT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tlsweep.cert");

    @Test
    void noNetwork() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..",
                "io.netty..").because("certificate analysis must stay pure").check(CERT);
    }

    @Test
    void standsAlone() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.tlsweep.analysis..", "io.tlsweep.engine..",
                "io.tlsweep.probe..", "io.tlsweep.report..", "io.tlsweep.result..", "io.tlsweep.scan..",
                "io.tlsweep.target..", "io.tlsweep.wire..", "io.tlsweep.metrics..").check(CERT);
    }
}
