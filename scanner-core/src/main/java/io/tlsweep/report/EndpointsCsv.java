package io.tlsweep.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code endpoints.csv}: one row per endpoint, written as results stream by. */
public final class EndpointsCsv implements Closeable {
    /** The header row. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("target", "origin", "address", "port", "sni", "status", "verdict",
                "reason", "bestVersion"));
        c.addAll(EndpointFacts.VERSION_COLUMNS);
        c.addAll(List.of("suites", "order", "findings", "failure", "windowsCode", "certificate",
                "certificateCommonName", "certificateOrganization", "certificateNotAfter", "connections", "elapsedMs"));
        COLUMNS = List.copyOf(c);
    }

    private final CsvRows rows;

    public EndpointsCsv(Writer out) {
        this.rows = new CsvRows(out, COLUMNS);
    }

    public void write(EndpointFacts e) {
        ResultJson r = e.result();
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.addAll(Arrays.asList(r.target(), r.origin(), r.address(), r.port(), r.sni(), r.status(),
                r.verdict(), r.reason(), e.best()));
        for (String v : EndpointFacts.VERSION_COLUMNS) {
            cells.add(e.accepts(v) ? "yes" : "no");
        }
        LeafCertificate leaf = LeafCertificate.of(r.certificates()).orElse(null);
        cells.addAll(Arrays.asList(e.suites(), e.order(), e.findingsJoined(), e.failureLabel(),
                e.windows().code(), leaf == null ? "" : leaf.subject(), leaf == null ? "" : leaf.commonName(),
                leaf == null ? "" : leaf.organization(), leaf == null ? "" : leaf.notAfter(),
                r.connections(), r.elapsedMs()));
        rows.row(cells.toArray());
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
