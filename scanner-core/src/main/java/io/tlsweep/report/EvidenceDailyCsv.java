package io.tlsweep.report;

import io.tlsweep.report.EvidenceJson.DayJson;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code evidence-daily.csv}: handshakes per UTC day and version, over every endpoint, by day then version. */
public final class EvidenceDailyCsv {
    public static final String FILE = "evidence-daily.csv";
    public static final List<String> COLUMNS = List.of("day", "version", "established", "failed");

    private EvidenceDailyCsv() {
    }

    public static void write(EvidenceJson evidence, Writer out) throws IOException {
        try (CsvRows rows = new CsvRows(out, COLUMNS)) {
            for (DayJson d : evidence.daily()) {
                rows.row(d.day(), d.version(), d.established(), d.failed());
            }
        }
    }
}
