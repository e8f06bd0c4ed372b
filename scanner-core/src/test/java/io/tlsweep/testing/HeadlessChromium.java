package io.tlsweep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, on a local file: the DOM as the browser built it, a screenshot, the page printed to
 * PDF, or its layout measured in a window of a given size ({@link PageLayout}). Every run
 * gets a fresh profile and is stopped after a hard timeout; background networking is switched off.
 */
public final class HeadlessChromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    /** Fails the calling test when Chromium is missing: the README's test command installs it. */
    public static void require() {
        if (!Files.isExecutable(BINARY)) {
            throw new AssertionError(BINARY + " is missing: `sh scripts/test-deps.sh` (the first half of the"
                    + " README's test command) installs Debian's chromium");
        }
    }

    /** The serialized DOM after loading {@code html}. */
    public static String dumpDom(Path html, Path workDir) throws IOException, InterruptedException {
        return run(html, workDir, "dom", "--dump-dom");
    }

    /** Writes a PNG of the page, {@code width} x {@code height} pixels. */
    public static void screenshot(Path html, Path png, int width, int height, Path workDir)
            throws IOException, InterruptedException {
        run(html, workDir, "screenshot", "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    /**
     * Prints the page to {@code pdf} as Chromium prints it (its own paper size, the page's {@code @page} rules), with
     * no header or footer of the browser's own.
     */
    public static void printToPdf(Path html, Path pdf, Path workDir) throws IOException, InterruptedException {
        run(html, workDir, "pdf", "--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer");
    }

    /**
     * The page's layout in a window {@code width} x {@code height} pixels: a copy of it, with its
     * Content-Security-Policy taken out and a measuring script added (test only: the page itself has neither), is
     * loaded and its DOM dumped ({@link PageLayout}).
     */
    public static PageLayout layout(Path html, int width, int height, Path workDir)
            throws IOException, InterruptedException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String measured = page.replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</body>", "<script>" + PageLayout.PROBE + "</script>\n</body>");
        Path copy = Files.createTempFile(workDir, "layout-", ".html");
        Files.writeString(copy, measured, StandardCharsets.UTF_8);
        return PageLayout.of(run(copy, workDir, "layout", "--dump-dom", "--window-size=" + width + "," + height));
    }

    private static String run(Path html, Path workDir, String name, String... action)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-" + name);
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        command.addAll(List.of(action));
        command.add(html.toAbsolutePath().toUri().toString());
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + tail(err));
        }
        if (p.exitValue() != 0) {
            throw new IOException("chromium exited with " + p.exitValue() + ": " + tail(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
