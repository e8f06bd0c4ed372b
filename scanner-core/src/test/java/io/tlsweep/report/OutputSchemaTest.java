package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.analysis.LegacyUse;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.check.Judgement;
import io.tlsweep.metrics.Percentiles;
import io.tlsweep.profile.ClientMessage;
import io.tlsweep.report.drift.DriftClass;
import io.tlsweep.report.drift.DriftJson;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.Severity;
import io.tlsweep.result.WindowsSymptom;
import io.tlsweep.run.MergeMarker;
import io.tlsweep.run.RunStore;
import io.tlsweep.run.ShardMarker;
import io.tlsweep.testing.SchemaCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped schemas against the code that writes what they describe: their enums are the enums' labels, their
 * closed objects have exactly the writer record's fields, and a line that breaks them is refused, saying where.
 */
class OutputSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FULL = "/$defs/full/properties";

    private record EnumAt(OutputSchema schema, String pointer, Class<? extends Enum<?>> type) {
    }

    private record RecordAt(OutputSchema schema, String pointer, Class<?> type) {
    }

    private static final List<EnumAt> ENUMS = List.of(
            new EnumAt(OutputSchema.RESULTS, "/$defs/verdict", Verdict.class),
            new EnumAt(OutputSchema.RESULTS, "/$defs/status", ScanStatus.class),
            new EnumAt(OutputSchema.RESULTS, "/$defs/failureKind", FailureKind.class),
            new EnumAt(OutputSchema.RESULTS, "/$defs/noAnswerKind", NoAnswer.Kind.class),
            new EnumAt(OutputSchema.RESULTS, FULL + "/findings/items/properties/severity", Severity.class),
            new EnumAt(OutputSchema.RESULTS, "/$defs/confirmation/properties/outcome", Confirmation.Outcome.class),
            new EnumAt(OutputSchema.RESULTS, FULL + "/protocols/items/properties/order", PreferenceOrder.class),
            new EnumAt(OutputSchema.RESULTS, FULL + "/checks/additionalProperties/properties/result",
                    Judgement.Result.class),
            new EnumAt(OutputSchema.RESULTS, FULL + "/evidence/properties/verdict", LegacyUse.Verdict.class),
            new EnumAt(OutputSchema.RESULTS, "/$defs/outcome/properties/result", ProfileOutcome.Reason.class),
            new EnumAt(OutputSchema.SUMMARY, "/$defs/verdict", Verdict.class),
            new EnumAt(OutputSchema.SUMMARY, "/$defs/status", ScanStatus.class),
            new EnumAt(OutputSchema.SUMMARY, "/$defs/failureKind", FailureKind.class),
            new EnumAt(OutputSchema.SUMMARY, "/$defs/noAnswerKind", NoAnswer.Kind.class),
            new EnumAt(OutputSchema.SUMMARY, "/$defs/checkResult", Judgement.Result.class),
            new EnumAt(OutputSchema.DRIFT, "/$defs/driftClass", DriftClass.class),
            new EnumAt(OutputSchema.BENCH, "/$defs/failureKind", FailureKind.class));

    private static final List<RecordAt> RECORDS = List.of(
            new RecordAt(OutputSchema.RESULTS, "/$defs/full", ResultJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/short", ShortLine.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/policyResult", PolicyJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/policyRule", PolicyJson.RuleJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/policySource", PolicyJson.SourceJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/failure", ResultJson.FailureJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/windowsSymptom", WindowsSymptom.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/outcome", ProfileJson.OutcomeJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/clientMessage", ClientMessage.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/loss", ProfileJson.LossJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/whatIf", ProfileJson.WhatIfJson.class),
            new RecordAt(OutputSchema.RESULTS, "/$defs/confirmation", ConfirmationJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/findings/items", ResultJson.FindingJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/inconsistencies/items", ResultJson.InconsistencyJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/protocols/items", ResultJson.ProtocolJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/protocols/items/properties/cipherSuites/items",
                    ResultJson.SuiteJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/profiles/items", ProfileJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/certificate", ChainJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/certificates/items", ResultJson.CertificateJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/tls13", Tls13FlightJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/checks/additionalProperties", CheckJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/evidence", LegacyUseJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/evidence/properties/clients/items",
                    LegacyUseJson.ClientJson.class),
            new RecordAt(OutputSchema.RESULTS, FULL + "/nextSteps/items", NextStepJson.class),
            new RecordAt(OutputSchema.SUMMARY, "", SummaryJson.class),
            new RecordAt(OutputSchema.SUMMARY, "/properties/run", SummaryJson.Run.class),
            new RecordAt(OutputSchema.SUMMARY, "/properties/totals", SummaryJson.Totals.class),
            new RecordAt(OutputSchema.SUMMARY, "/properties/input", SummaryJson.Input.class),
            new RecordAt(OutputSchema.SUMMARY, "/$defs/inputError", InputJson.Error.class),
            new RecordAt(OutputSchema.SUMMARY, "/properties/failureKinds/additionalProperties", NoAnswer.KindJson.class),
            new RecordAt(OutputSchema.SUMMARY, "/properties/latency/additionalProperties", Percentiles.class),
            new RecordAt(OutputSchema.INPUT, "", InputJson.class),
            new RecordAt(OutputSchema.INPUT, "/properties/firstInputErrors/items", InputJson.Error.class),
            new RecordAt(OutputSchema.DRIFT, "", DriftJson.class),
            new RecordAt(OutputSchema.DRIFT, "/properties/endpoints", DriftJson.Endpoints.class),
            new RecordAt(OutputSchema.DRIFT, "/properties/changes/items", DriftJson.ChangeJson.class),
            new RecordAt(OutputSchema.SHARD, "", ShardMarker.class),
            new RecordAt(OutputSchema.MERGE, "", MergeMarker.class),
            new RecordAt(OutputSchema.RUN, "", RunStore.RunMeta.class),
            new RecordAt(OutputSchema.EVIDENCE, "", EvidenceJson.class),
            new RecordAt(OutputSchema.EVIDENCE, "/properties/endpoints/items", EvidenceJson.EndpointJson.class),
            new RecordAt(OutputSchema.EVIDENCE, "/properties/endpoints/items/properties/clients/items",
                    EvidenceJson.ClientJson.class),
            new RecordAt(OutputSchema.EVIDENCE,
                    "/properties/endpoints/items/properties/clients/items/properties/suites/items",
                    EvidenceJson.SuiteCount.class),
            new RecordAt(OutputSchema.EVIDENCE,
                    "/properties/endpoints/items/properties/clients/items/properties/looksLike",
                    EvidenceJson.MatchJson.class),
            new RecordAt(OutputSchema.EVIDENCE, "/properties/daily/items", EvidenceJson.DayJson.class),
            new RecordAt(OutputSchema.EVIDENCE, "/properties/problems/items", EvidenceJson.ProblemJson.class));

    /** Fields the schema allows before the writer has them: another change adds them. */
    private static final Set<String> AHEAD = Set.of("policies");

    @Test
    void everySchemaIsShippedAndCompiles() throws Exception {
        for (OutputSchema s : OutputSchema.values()) {
            JsonNode schema = JSON.readTree(s.text());
            assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(OutputSchema.byFile(s.file())).contains(s);
            assertThat(SchemaCheck.schema(s)).isNotNull();
        }
    }

    @Test
    void schemaEnumsAreTheEnumsLabels() throws Exception {
        for (EnumAt e : ENUMS) {
            JsonNode node = JSON.readTree(e.schema().text()).at(e.pointer() + "/enum");
            assertThat(node.isArray()).as(e.schema() + e.pointer()).isTrue();
            List<String> inSchema = new ArrayList<>();
            node.forEach(n -> inSchema.add(n.asText()));
            List<String> labels = new ArrayList<>();
            for (Enum<?> constant : e.type().getEnumConstants()) {
                labels.add((String) e.type().getMethod("label").invoke(constant));
            }
            assertThat(inSchema).as("%s %s against %s", e.schema(), e.pointer(), e.type().getName())
                    .containsExactlyElementsOf(labels);
        }
    }

    @Test
    void closedObjectsHaveExactlyTheWritersFields() throws Exception {
        for (RecordAt r : RECORDS) {
            JsonNode node = JSON.readTree(r.schema().text()).at(r.pointer());
            assertThat(node.path("additionalProperties").isBoolean() && !node.path("additionalProperties").asBoolean())
                    .as("%s %s is closed", r.schema(), r.pointer()).isTrue();
            Set<String> inSchema = new TreeSet<>();
            node.path("properties").fieldNames().forEachRemaining(inSchema::add);
            Set<String> written = new TreeSet<>(fields(r.type()));
            Set<String> ahead = new TreeSet<>(inSchema);
            ahead.removeAll(written);
            ahead.removeAll(AHEAD);
            assertThat(inSchema).as("%s %s has every field of %s", r.schema(), r.pointer(), r.type().getName())
                    .containsAll(written);
            assertThat(ahead).as("%s %s has only fields of %s", r.schema(), r.pointer(), r.type().getName())
                    .isEmpty();
        }
    }

    @Test
    void writtenLinesValidateFullAndShort() throws Exception {
        ResultJson full = Results.ready("a.example");
        assertThat(SchemaCheck.problems(OutputSchema.RESULTS, JSON.valueToTree(full))).isEmpty();
        ShortLine line = new ShortLine(ResultJson.SCHEMA, "127.0.0.1:8443", "argument 1", null, null, 8443, null,
                null, ScanStatus.UNREACHABLE.label(), NoAnswer.Kind.CONNECT_REFUSED.label(), null, 1);
        assertThat(SchemaCheck.problems(OutputSchema.RESULTS, JSON.valueToTree(line))).isEmpty();
    }

    @Test
    void aFinishedShardsMarkerValidates(@TempDir Path dir) throws Exception {
        ShardMarker.complete(0, 4, 1234).write(dir);
        SchemaCheck.assertValid(dir);
        assertThat(SchemaCheck.problems(OutputSchema.SHARD, "{\"shard\":-1,\"shards\":4,\"complete\":true,"
                + "\"targets\":1,\"finished\":null}")).anySatisfy(p -> assertThat(p).contains("$.shard"));
    }

    @Test
    void aBrokenLineFailsSayingWhere() {
        ObjectNode line = JSON.valueToTree(Results.ready("a.example"));
        line.put("verdict", "mostly-fine");
        List<String> problems = SchemaCheck.problems(OutputSchema.RESULTS, line);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("$.verdict").contains("enum"));

        ObjectNode extra = JSON.valueToTree(Results.ready("a.example"));
        extra.put("grade", "A");
        assertThat(SchemaCheck.problems(OutputSchema.RESULTS, extra))
                .anySatisfy(p -> assertThat(p).contains("grade"));

        ObjectNode noPort = JSON.valueToTree(Results.ready("a.example"));
        noPort.remove("port");
        assertThat(SchemaCheck.problems(OutputSchema.RESULTS, noPort))
                .anySatisfy(p -> assertThat(p).contains("port"));
    }

    /** The names Jackson writes for {@code type}'s fields. */
    private static Set<String> fields(Class<?> type) {
        BeanDescription d = JSON.getSerializationConfig().introspect(JSON.constructType(type));
        Set<String> names = new LinkedHashSet<>();
        for (BeanPropertyDefinition p : d.findProperties()) {
            if (p.couldSerialize()) {
                names.add(p.getName());
            }
        }
        return names;
    }

    @Test
    void everyNameIsKnownAndAnUnknownOneIsRefused() {
        assertThat(Arrays.stream(OutputSchema.values()).map(s -> OutputSchema.named(s.label())))
                .containsExactly(OutputSchema.values());
        assertThatThrownBy(() -> OutputSchema.named("reslts"))
                .hasMessageContaining("unknown schema 'reslts'").hasMessageContaining("results");
    }
}
