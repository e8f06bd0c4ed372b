package io.tlsweep.report;

import java.io.FilterOutputStream;
import java.io.FilterWriter;
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
        Writer out;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw named(file, e);
        }
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                try {
                    super.write(c);
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                try {
                    super.write(chars, off, len);
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                try {
                    super.write(str, off, len);
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    super.flush();
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } catch (IOException e) {
                    throw named(file, e);
                }
            }
        };
    }

    static OutputStream stream(Path file) throws IOException {
        OutputStream out;
        try {
            out = Files.newOutputStream(file);
        } catch (IOException e) {
            throw named(file, e);
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                try {
                    out.write(bytes, off, len);
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    super.flush();
                } catch (IOException e) {
                    throw named(file, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } catch (IOException e) {
                    throw named(file, e);
                }
            }
        };
    }

    private static IOException named(Path file, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return why.startsWith("cannot write ") ? e : new IOException("cannot write " + file + ": " + why, e);
    }
}
