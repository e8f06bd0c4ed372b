package io.tlsweep.evidence;

import io.tlsweep.input.LineReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text log format read line by line: the lines are read with a bound on their length (a longer line is a
 * problem and is skipped without being buffered), and an input that cannot be read to its end (a truncated gzip)
 * is a problem at the line where it stopped, after every line before it was read.
 */
public abstract class LineFormat implements EvidenceReader {
    /** The longest line kept; Zeek's JSON with a client's whole offer fits many times over. */
    public static final int MAX_LINE = 65536;

    /** A parser for one input. */
    protected abstract LineParser start();

    /** Whether these first complete lines of an input look like this format. */
    protected abstract boolean recognises(List<String> firstLines);

    @Override
    public final boolean recognises(byte[] head) {
        return recognises(firstLines(head));
    }

    @Override
    public final void read(EvidenceInput in, EvidenceSink sink) {
        LineParser parser = start();
        LineReader lines = new LineReader(in.stream(), MAX_LINE);
        long number = 0;
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                number++;
                if (lines.truncated()) {
                    sink.problem(new EvidenceProblem(Position.line(in.name(), number),
                            "line longer than " + MAX_LINE + " characters, skipped"));
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                LineParser.Parsed p = parser.parse(line);
                if (p instanceof LineParser.Seen s) {
                    sink.observed(s.observation());
                } else if (p instanceof LineParser.Bad b) {
                    sink.problem(new EvidenceProblem(Position.line(in.name(), number), b.why()));
                }
            }
        } catch (IOException e) {
            sink.problem(new EvidenceProblem(Position.line(in.name(), number + 1), "the input could not be read"
                    + " past here" + (in.compressed() ? " (byte " + in.fileOffset() + " of the compressed file)" : "")
                    + ": " + e.getMessage() + "; the " + number + " lines before it were read"));
        }
    }

    /** The complete lines (up to 20) of an input's head, as UTF-8. */
    static List<String> firstLines(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length() && lines.size() < 20; i++) {
            if (text.charAt(i) == '\n') {
                String line = text.substring(start, i).strip();
                if (!line.isEmpty()) {
                    lines.add(line);
                }
                start = i + 1;
            }
        }
        if (lines.isEmpty() && head.length < EvidenceInput.HEAD && !text.isBlank()) {
            lines.add(text.strip()); // a one-line input without its newline
        }
        return lines;
    }
}
