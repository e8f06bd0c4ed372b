package io.tlsweep.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * A streaming CSV file with a header row: RFC 4180 quoting (commas, quotes and line breaks quoted) by
 * jackson-dataformat-csv, and every text cell neutralised against formula injection ({@link CsvCells}).
 * Numbers are written as numbers. The writer is closed with this object.
 */
final class CsvRows implements Closeable {
    private static final CsvMapper CSV = CsvMapper.builder()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    private final SequenceWriter rows;
    private final Writer out;
    private final int width;

    CsvRows(Writer out, List<String> columns) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        this.out = out;
        this.width = columns.size();
        try {
            this.rows = CSV.writer(schema.build()).writeValues(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** One row; values are Strings (neutralised here), Numbers, or null (an empty cell). */
    void row(Object... cells) {
        if (cells.length != width) {
            throw new IllegalArgumentException(cells.length + " cells for " + width + " columns");
        }
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = cells[i] instanceof Number ? cells[i] : CsvCells.neutralise(cells[i] == null ? null
                    : cells[i].toString());
        }
        try {
            rows.write(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        rows.close();
        out.close();
    }
}
