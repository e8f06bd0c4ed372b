package io.tlsweep.report.drift;

import io.tlsweep.report.TextReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Collectors;

/**
 * A drift on a terminal: the changes grouped by endpoint, one line each, then a count line ("no changes"
 * when there are none). Line breaks from servers or input become spaces and other control characters
 * escapes ({@code \x1b}), as in the verdict table ({@link TextReport#fit}), so a hostile name cannot repaint
 * the terminal or forge a line.
 *
 * <pre>
 * 127.0.0.1:8443
 *   version-enabled       TLSv1.0 enabled
 *   legacy-enabled        legacy TLSv1.0 enabled
 *
 * 2 changes on 1 endpoint: version-enabled 1, legacy-enabled 1 (2 endpoints before, 2 now)
 * </pre>
 */
public final class DriftText {
    static final int NAME_WIDTH = 120;
    static final int CLASS_WIDTH = 21;
    static final int DETAIL_WIDTH = 160;

    private DriftText() {
    }

    public static void print(PrintWriter out, Drift drift) {
        EndpointKey last = null;
        for (Change c : drift.changes()) {
            if (!c.endpoint().equals(last)) {
                out.println(TextReport.fit(c.endpoint().name(), NAME_WIDTH));
                last = c.endpoint();
            }
            out.printf("  %-" + CLASS_WIDTH + "s %s%n", c.driftClass().label(),
                    TextReport.fit(c.detail(), DETAIL_WIDTH));
        }
        if (!drift.isEmpty()) {
            out.println();
        }
        out.println(countLine(drift));
        out.flush();
    }

    public static String render(Drift drift) {
        StringWriter s = new StringWriter();
        print(new PrintWriter(s), drift);
        return s.toString();
    }

    /** "3 changes on 2 endpoints: legacy-enabled 1, ... (10 endpoints before, 11 now)", or "no changes (...)". */
    public static String countLine(Drift drift) {
        String runs = "(" + plural(drift.baselineEndpoints(), "endpoint") + " before, " + drift.endpoints() + " now)";
        if (drift.isEmpty()) {
            return "no changes " + runs;
        }
        String counts = drift.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return plural(drift.changes().size(), "change") + " on " + plural(drift.changedEndpoints(), "endpoint") + ": "
                + counts + " " + runs;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
