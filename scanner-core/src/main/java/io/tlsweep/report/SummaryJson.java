package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tlsweep.metrics.Percentiles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * {@code summary.json} (schema {@value #SCHEMA}): the counts of a run, for dashboards and for diffing two
 * runs. Every verdict, status, SSLv3..TLSv1.3 version, finding kind and failure kind is present, zero or not.
 * Latency values are microseconds.
 */
@JsonPropertyOrder({"schema", "run", "totals", "verdicts", "statuses", "versions", "findings", "failures",
    "latencyUnit", "latency"})
public record SummaryJson(String schema, Run run, Totals totals, Map<String, Long> verdicts,
        Map<String, Long> statuses, Map<String, Long> versions, Map<String, Long> findings,
        Map<String, Long> failures, String latencyUnit, Map<String, Percentiles> latency) {

    public static final String SCHEMA = "tlsweep-summary/1";
    private static final ObjectWriter JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerWithDefaultPrettyPrinter();

    public record Run(String started, long durationMs, String tlsweepVersion, String commandLine) {
    }

    /**
     * @param elapsedMs the sum of every endpoint's own scan time (endpoints are scanned in parallel, so this
     *     exceeds the run's duration)
     */
    public record Totals(long endpoints, long connections, long elapsedMs) {
    }

    public static SummaryJson of(Tally t, Latency latency, RunInfo run) {
        return new SummaryJson(SCHEMA,
                new Run(run.started().toString(), run.duration().toMillis(), run.tlsweepVersion(), run.commandLine()),
                new Totals(t.endpoints(), t.connections(), t.elapsedMs()), t.verdicts(), t.statuses(), t.versions(),
                t.findings(), t.failures(), "microseconds", latency.percentiles());
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
        out.write('\n');
        out.flush();
    }
}
