package io.tlsweep.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Registered for every test of the modules that set {@code junit.jupiter.extensions.autodetection.enabled}: after a
 * test (and after a class, for its static {@code @TempDir}) every JSON file tlsweep writes that lies in the test's
 * temporary directories is validated against its schema ({@link SchemaCheck}), and the test fails with each problem.
 * So no test can write JSON its schema refuses without failing, whether or not it looks at the file.
 */
public final class SchemaCheckExtension implements AfterEachCallback, AfterAllCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        check(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        check(context);
    }

    private static void check(ExtensionContext context) {
        List<Path> dirs = CheckedTempDirs.takeMadeFor(context);
        if (dirs.isEmpty()) {
            return;
        }
        Set<String> planted = planted(context);
        List<String> problems = new ArrayList<>();
        for (Path dir : dirs) {
            problems.addAll(SchemaCheck.problemsUnder(dir, f -> !planted.contains(f.getFileName().toString())));
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " left JSON its schema refuses:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** The file names {@link PlantedJson} declares on the test method and its classes. */
    private static Set<String> planted(ExtensionContext context) {
        Set<String> names = new LinkedHashSet<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            c.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, PlantedJson.class))
                    .ifPresent(p -> names.addAll(List.of(p.value())));
        }
        return names;
    }
}
