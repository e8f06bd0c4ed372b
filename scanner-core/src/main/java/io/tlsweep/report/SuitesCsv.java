package io.tlsweep.report;

import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code suites.csv}: one row per endpoint, version and accepted cipher suite. {@code position} is 1-based
 * in the order the scan found them, which is the server's preference when {@code order} is "server".
 */
public final class SuitesCsv implements Closeable {
    public static final List<String> COLUMNS = List.of("target", "port", "version", "position", "code", "name",
            "order");

    private final CsvRows rows;

    public SuitesCsv(Writer out) {
        this.rows = new CsvRows(out, COLUMNS);
    }

    public void write(ResultJson r) {
        for (ProtocolJson p : EndpointFacts.protocols(r)) {
            List<SuiteJson> suites = p.cipherSuites() == null ? List.of() : p.cipherSuites();
            for (int i = 0; i < suites.size(); i++) {
                rows.row(r.target(), r.port(), p.version(), i + 1, suites.get(i).code(), suites.get(i).name(),
                        p.order());
            }
        }
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
