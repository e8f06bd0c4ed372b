package io.tlsweep.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * The {@code @TempDir} factory of the modules whose tests write tlsweep's JSON (set as
 * {@code junit.jupiter.tempdir.factory.default} in their poms): it makes the directory as JUnit's own factory does and
 * remembers it under the test or class it was made for, so that {@link SchemaCheckExtension} validates whatever
 * JSON tlsweep wrote there before JUnit deletes it.
 */
public final class CheckedTempDirs implements TempDirFactory {
    private static final Map<String, List<Path>> BY_CONTEXT = new ConcurrentHashMap<>();

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
        Path dir = Files.createTempDirectory("junit-");
        BY_CONTEXT.computeIfAbsent(context.getUniqueId(), k -> new ArrayList<>()).add(dir);
        return dir;
    }

    /** The directories made for exactly this test or class, forgotten as they are handed over. */
    static List<Path> takeMadeFor(ExtensionContext context) {
        List<Path> dirs = BY_CONTEXT.remove(context.getUniqueId());
        return dirs == null ? List.of() : dirs;
    }
}
