package io.tlsweep.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.result.FailureKind;
import io.tlsweep.run.SweepConfig;
import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every enum of scanner-core with a label builds its {@link Labels}: no two constants share a label, none is
 * empty, and each label finds its constant again, including the enums nothing yet looks up by label.
 */
class LabelledEnumsTest {

    @Test
    void everyLabelledEnumHasDistinctLabelsThatFindTheirConstants() {
        List<Class<?>> enums = HouseRules.main().stream().filter(JavaClass::isEnum)
                .filter(c -> c.isAssignableTo(Labelled.class)).<Class<?>>map(JavaClass::reflect).toList();
        assertThat(enums).as("the scan sees the labelled enums").contains(Verdict.class, FailureKind.class,
                TlsProvider.class, SweepConfig.Mode.class).hasSizeGreaterThanOrEqualTo(14);
        for (Class<?> type : enums) {
            Labels<?> labels = labels(type);
            for (Object constant : type.getEnumConstants()) {
                String label = ((Labelled) constant).label();
                assertThat(labels.find(label).orElse(null)).as(type.getName() + " " + label).isSameAs(constant);
            }
            assertThat(labels.all()).as(type.getName()).hasSize(type.getEnumConstants().length);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Labels<?> labels(Class<?> type) {
        return Labels.of((Class) type);
    }
}
