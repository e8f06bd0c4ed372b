package io.tlsweep.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Report files whose write errors name the file: "cannot write out/endpoints.csv: No space left on device", the
 * one line a user needs when a disk fills up, wherever in the report the failure happens.
 */
final class OutputFiles {
    private OutputFiles() {
    }

    static Writer writer(Path file) throws IOException {
        Writer out = named(file, () -> Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        return new Writer() {
            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                named(file, () -> out.write(chars, off, len));
            }

            @Override
            public void flush() throws IOException {
                named(file, out::flush);
            }

            @Override
            public void close() throws IOException {
                named(file, out::close);
            }
        };
    }

    static OutputStream stream(Path file) throws IOException {
        OutputStream out = named(file, () -> Files.newOutputStream(file));
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                named(file, () -> out.write(b));
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                named(file, () -> out.write(bytes, off, len));
            }

            @Override
            public void flush() throws IOException {
                named(file, out::flush);
            }

            @Override
            public void close() throws IOException {
                named(file, out::close);
            }
        };
    }

    /** A step of writing {@code file}. */
    private interface Step {
        void run() throws IOException;
    }

    /** Opening {@code file}. */
    private interface Opening<T> {
        T open() throws IOException;
    }

    private static void named(Path file, Step step) throws IOException {
        try {
            step.run();
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    private static <T> T named(Path file, Opening<T> opening) throws IOException {
        try {
            return opening.open();
        } catch (IOException e) {
            throw named(file, e);
        }
    }

    private static IOException named(Path file, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return why.startsWith("cannot write ") ? e : new IOException("cannot write " + file + ": " + why, e);
    }
}
