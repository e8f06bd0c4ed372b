package io.tlsweep.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** One input of a {@link TargetSource}, handed out a line at a time with the origin of each line. */
sealed interface LineInput permits LineInput.ArgumentList, LineInput.TextStream {

    record Line(String text, String origin) {
    }

    /**
     * The next line, or null when this input is exhausted. Read failures are reported to
     * {@code errors} and end this input; resources are released by then.
     */
    Line next(Consumer<InputError> errors);

    /** Releases the input early (when the consumer stops before the end). */
    void close();

    /** Command-line arguments, one target each: origins {@code argument 1}, {@code argument 2}... */
    final class ArgumentList implements LineInput {
        private final List<String> values;
        private final int firstNumber;
        private int next;

        ArgumentList(List<String> values, int firstNumber) {
            this.values = List.copyOf(values);
            this.firstNumber = firstNumber;
        }

        @Override
        public Line next(Consumer<InputError> errors) {
            if (next == values.size()) {
                return null;
            }
            int index = next++;
            return new Line(values.get(index), "argument " + (firstNumber + index));
        }

        @Override
        public void close() {
            next = values.size();
        }
    }

    /** Opens an input stream when first needed. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** A file or stdin, read lazily: origins {@code name:1}, {@code name:2}... */
    final class TextStream implements LineInput {
        private final String name;
        private final Opener opener;
        private final boolean closeWhenDone;
        private LineReader reader;
        private int lineNumber;
        private boolean done;

        TextStream(String name, Opener opener, boolean closeWhenDone) {
            this.name = name;
            this.opener = opener;
            this.closeWhenDone = closeWhenDone;
        }

        static TextStream file(Path path) {
            return new TextStream(path.toString(), () -> {
                if (Files.isDirectory(path)) {
                    throw new FileSystemException(path.toString(), null, "Is a directory");
                }
                return Files.newInputStream(path);
            }, true);
        }

        /** Stdin or another stream the caller owns: it is read but never closed here. */
        static TextStream borrowed(String name, InputStream in) {
            return new TextStream(name, () -> in, false);
        }

        @Override
        public Line next(Consumer<InputError> errors) {
            if (done) {
                return null;
            }
            try {
                if (reader == null) {
                    reader = new LineReader(opener.open());
                }
            } catch (IOException e) {
                errors.accept(new InputError(name, "cannot read: " + reason(e)));
                close();
                return null;
            }
            try {
                while (true) {
                    String text = reader.readLine();
                    if (text == null) {
                        close();
                        return null;
                    }
                    String origin = name + ":" + ++lineNumber;
                    if (!reader.truncated() || TargetLine.words(text).isEmpty()) {
                        return new Line(text, origin);
                    }
                    errors.accept(new InputError(origin, "line longer than " + LineReader.MAX_LINE + " characters"));
                }
            } catch (IOException e) {
                errors.accept(new InputError(name + ":" + (lineNumber + 1), "cannot read: " + reason(e)));
                close();
                return null;
            }
        }

        @Override
        public void close() {
            done = true;
            if (reader != null && closeWhenDone) {
                try {
                    reader.close();
                } catch (IOException e) {
                    // nothing more will be read from it; a failed close loses nothing
                }
            }
            reader = null;
        }

        static String reason(IOException e) {
            if (e instanceof NoSuchFileException) {
                return "No such file";
            }
            if (e instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (e instanceof FileSystemException f && f.getReason() != null) {
                return f.getReason();
            }
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
    }
}
