package io.tlsweep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a PDF and where each is, page by page, from poppler's {@code pdftotext -bbox} (Debian's
 * poppler-utils; the README's test command installs it). Boxes are in PDF points from the page's top left corner.
 */
public record PdfWords(List<Page> pages) {
    public static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern PAGE = Pattern.compile("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">");
    private static final Pattern WORD = Pattern.compile(
            "<word xMin=\"([0-9.-]+)\" yMin=\"([0-9.-]+)\" xMax=\"([0-9.-]+)\" yMax=\"([0-9.-]+)\">([^<]*)</word>");

    /** One page: its size and its words in reading order. */
    public record Page(int number, double width, double height, List<Word> words) {
    }

    /** One word and its box. */
    public record Word(String text, int page, double xMin, double yMin, double xMax, double yMax) {
    }

    /** Fails the calling test when pdftotext is missing. */
    public static void require() {
        if (!Files.isExecutable(PDFTOTEXT)) {
            throw new AssertionError(PDFTOTEXT + " is missing: `sh scripts/test-deps.sh` (the first half of the"
                    + " README's test command) installs Debian's poppler-utils");
        }
    }

    /** Reads {@code pdf}, under a hard timeout; {@code workDir} holds pdftotext's output. */
    public static PdfWords of(Path pdf, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "pdf-words-", ".html");
        Path err = workDir.resolve("pdftotext.err");
        Process p = new ProcessBuilder(PDFTOTEXT.toString(), "-bbox", pdf.toAbsolutePath().toString(),
                out.toAbsolutePath().toString()).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect
                .DISCARD).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pdftotext did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("pdftotext exited with " + p.exitValue() + ": "
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    static PdfWords parse(String bbox) {
        List<Page> pages = new ArrayList<>();
        String[] parts = bbox.split("(?=<page )");
        for (String part : parts) {
            Matcher page = PAGE.matcher(part);
            if (!page.find()) {
                continue;
            }
            int number = pages.size() + 1;
            List<Word> words = new ArrayList<>();
            Matcher w = WORD.matcher(part);
            while (w.find()) {
                words.add(new Word(unescape(w.group(5)), number, Double.parseDouble(w.group(1)),
                        Double.parseDouble(w.group(2)), Double.parseDouble(w.group(3)),
                        Double.parseDouble(w.group(4))));
            }
            pages.add(new Page(number, Double.parseDouble(page.group(1)), Double.parseDouble(page.group(2)), words));
        }
        return new PdfWords(List.copyOf(pages));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Every word, page after page. */
    public List<Word> words() {
        return pages.stream().flatMap(p -> p.words().stream()).toList();
    }

    /** The words that are exactly {@code text}. */
    public List<Word> find(String text) {
        return words().stream().filter(w -> w.text().equals(text)).toList();
    }

    /** The words that lie (in part) outside their page. */
    public List<Word> outsideTheirPage() {
        return pages.stream().flatMap(p -> p.words().stream().filter(w -> w.xMin() < 0 || w.yMin() < 0
                || w.xMax() > p.width() || w.yMax() > p.height())).toList();
    }

    /** The text of every page, words joined by spaces. */
    public String text() {
        return String.join(" ", words().stream().map(Word::text).toList());
    }
}
