package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.targets.TlsExpectation;
import java.util.ArrayList;
import java.util.List;

/** Holds a result line against what a farm target's TLS stack serves: its versions, suites and certificate. */
final class ExpectedTls {
    private ExpectedTls() {
    }

    /** The line lists exactly the versions and, for each, the suites {@code expected} serves, and its certificate. */
    static void assertServes(JsonNode line, TlsExpectation expected) {
        assertServes(line, expected, false);
    }

    /** As {@link #assertServes(JsonNode, TlsExpectation)}, each version's suites also in the server's order. */
    static void assertServesInOrder(JsonNode line, TlsExpectation expected) {
        assertServes(line, expected, true);
    }

    private static void assertServes(JsonNode line, TlsExpectation expected, boolean inOrder) {
        List<String> versions = new ArrayList<>();
        line.get("protocols").forEach(p -> versions.add(p.get("version").asText()));
        assertThat(versions).containsExactlyElementsOf(expected.perVersion().stream()
                .map(f -> "TLSv1." + (f.version().code() - 0x0301)).toList());
        for (int i = 0; i < expected.perVersion().size(); i++) {
            List<String> codes = new ArrayList<>();
            line.get("protocols").get(i).get("cipherSuites").forEach(s -> codes.add(s.get("code").asText()));
            List<String> served = expected.perVersion().get(i).suites().stream().map(s -> s.hexCode()).toList();
            if (inOrder) {
                assertThat(codes).containsExactlyElementsOf(served);
            } else {
                assertThat(codes).containsExactlyInAnyOrderElementsOf(served);
            }
        }
        assertThat(line.get("certificates").get(0).get("sha256").asText())
                .isEqualTo(expected.certificate().sha256Fingerprint());
    }
}
