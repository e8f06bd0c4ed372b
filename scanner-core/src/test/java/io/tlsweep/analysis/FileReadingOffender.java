package io.tlsweep.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks the house rule on purpose (a pure package reading a file), for HouseRulesTest. */
public final class FileReadingOffender {
    private FileReadingOffender() {
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
