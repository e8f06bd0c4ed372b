package io.tlsweep.cli;

import io.tlsweep.result.Failure;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The text table on stdout: one line per endpoint, then totals by status. */
final class ResultTable {
    private final PrintWriter out;

    ResultTable(PrintWriter out) {
        this.out = out;
    }

    void print(Collection<TargetResult> results) {
        out.printf("%n%-26s %-22s %-16s %-44s %s%n", "target", "address", "status", "versions (suites)",
                "failure / Windows symptom");
        Map<ScanStatus, Integer> totals = new EnumMap<>(ScanStatus.class);
        for (TargetResult r : results) {
            totals.merge(r.status(), 1, Integer::sum);
            String versions = r.protocols().stream().map(ResultTable::version).collect(Collectors.joining(" "));
            String failure = r.failure().map(ResultTable::failure).orElse("");
            out.printf("%-26s %-22s %-16s %-44s %s%n", r.target().origin(), r.target().input(), r.status(),
                    versions.isEmpty() ? "-" : versions, failure);
        }
        out.println();
        out.println("totals: " + totals.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + results.size() + " endpoints)");
        out.flush();
    }

    private static String version(ProtocolSupport p) {
        return p.version().displayName() + "(" + p.cipherSuites().size() + ")";
    }

    private static String failure(Failure f) {
        String code = f.windowsSymptom().code();
        return f.kind().label() + f.alert().map(a -> " " + a).orElse("") + (code.isEmpty() ? "" : " [" + code + "]");
    }
}
