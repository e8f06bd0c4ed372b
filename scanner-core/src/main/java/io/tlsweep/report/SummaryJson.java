package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tlsweep.metrics.Percentiles;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json} (schema {@value #SCHEMA}): the counts of a run, for dashboards and for diffing two
 * runs. Every verdict, status, SSLv3..TLSv1.3 version, finding kind and failure kind is present, zero or not;
 * {@code checks} holds, per active check that gave a result on some endpoint, the endpoints per result
 * (vulnerable, not-vulnerable, not-applicable, inconclusive); {@code policies}, per policy the run judged its
 * endpoints against, the endpoints per verdict (compliant, not-compliant, not-applicable; absent without
 * {@code --policy}). {@code failureKinds} holds, once, the words of each
 * way nothing answered ({@link NoAnswer}) that the short lines of results.jsonl leave out: what it means and what a
 * Windows client shows. Latency values are microseconds.
 */
@JsonPropertyOrder({"schema", "run", "totals", "input", "verdicts", "statuses", "versions", "findings", "failures",
    "failureKinds", "checks", "policies", "latencyUnit", "latency"})
public record SummaryJson(String schema, Run run, Totals totals, Input input, Map<String, Long> verdicts,
        Map<String, Long> statuses, Map<String, Long> versions, Map<String, Long> findings,
        Map<String, Long> failures, Map<String, NoAnswer.KindJson> failureKinds,
        Map<String, Map<String, Long>> checks,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, Long>> policies, String latencyUnit,
        Map<String, Percentiles> latency) {

    public static final String SCHEMA = "tlsweep-summary/1";
    private static final ObjectWriter JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .writerWithDefaultPrettyPrinter();

    public record Run(String started, long durationMs, String tlsweepVersion, String commandLine) {
    }

    /**
     * @param elapsedMs the sum of every endpoint's own scan time (endpoints are scanned in parallel, so this
     *     exceeds the run's duration)
     * @param pqKeyExchange endpoints with post-quantum key exchange (a hybrid group such as X25519MLKEM768 taken)
     */
    public record Totals(long endpoints, long connections, long elapsedMs, long pqKeyExchange) {
    }

    /**
     * What is not counted as an endpoint: every endpoint is counted once, whatever the input or the results file
     * held.
     *
     * @param duplicatesDropped targets of the input whose endpoint came before (scanned once, counted once)
     * @param linesSuperseded lines of results.jsonl replaced by a later line of the same endpoint (last wins)
     * @param errors lines of the input that could not be read as targets, inputs that could not be opened
     * @param firstErrors the first {@value InputJson#KEPT} of them: where ({@code targets.txt:7}) and what
     */
    @JsonPropertyOrder({"duplicatesDropped", "linesSuperseded", "errors", "firstErrors"})
    public record Input(long duplicatesDropped, long linesSuperseded, long errors, List<InputJson.Error> firstErrors) {
    }

    public static SummaryJson of(Tally t, Latency latency, RunInfo run) {
        return new SummaryJson(SCHEMA,
                new Run(run.started().toString(), run.duration().toMillis(), run.tlsweepVersion(), run.commandLine()),
                new Totals(t.endpoints(), t.connections(), t.elapsedMs(), t.pqKeyExchange()),
                new Input(t.duplicatesDropped(), t.linesSuperseded(), t.inputErrors(),
                        t.firstInputErrors()), t.verdicts(), t.statuses(), t.versions(),
                t.findings(), t.failures(), NoAnswer.dictionary(), t.checkResults(), t.policies().counts(),
                "microseconds",
                latency.percentiles());
    }

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
        out.write('\n');
        out.flush();
    }
}
