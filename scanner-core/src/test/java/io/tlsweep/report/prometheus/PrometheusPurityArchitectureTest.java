package io.tlsweep.report.prometheus;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasParameterTypes.Predicates.rawParameterTypes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/**
 * The textfile writer only turns a run's files into another file: no sockets, no HTTP exporter, and never
 * the Prometheus client's global registry (which would leak metrics between runs of one JVM).
 */
class PrometheusPurityArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tlsweep.report.prometheus");

    @Test
    void noNetwork() {
        noClasses().that().resideInAPackage("io.tlsweep.report.prometheus..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.net..",
                        "java.nio.channels..", "javax.net..", "io.prometheus.metrics.exporter..",
                        "com.sun.net.httpserver..")
                .because("the textfile is written for node_exporter to serve; tlsweep opens no port for it")
                .check(MAIN);
    }

    /** {@code register()} without a registry registers with the default one. */
    private static final ArchRule DEFAULT_REGISTRY = noClasses()
            .that().resideInAPackage("io.tlsweep.report.prometheus..")
            .should().accessField(PrometheusRegistry.class, "defaultRegistry")
            .orShould().callMethodWhere(target(name("register")).and(target(rawParameterTypes(new Class<?>[0])))
                    .and(target(owner(resideInAPackage("io.prometheus..")))))
            .because("each file is built in a registry of its own");

    @Test
    void neverTheDefaultRegistry() {
        DEFAULT_REGISTRY.check(MAIN);
    }

    @Test
    void theRegistryRuleCatchesAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(Offender.class);
        assertThatThrownBy(() -> DEFAULT_REGISTRY.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("register()");
    }

    /** Registers with the default registry, to show the rule can fail. */
    static final class Offender {
        Gauge gauge() {
            return Gauge.builder().name("offender").register();
        }
    }
}
