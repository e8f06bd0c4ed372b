package io.tlsweep.run;

import io.tlsweep.analysis.Assessment;
import io.tlsweep.analysis.Verdict;
import io.tlsweep.result.FindingKind;
import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.List;
import java.util.Set;

/**
 * A {@code --fail-on} condition: an endpoint that meets it makes the run exit with code 1. The meanings
 * are listed in {@code tlsweep scan --help}.
 */
public enum FailOn implements Labelled {
    BREAKS("breaks"),
    NO_COMMON("no-common"),
    LEGACY("legacy"),
    WEAK("weak"),
    UNREACHABLE("unreachable"),
    NOT_TLS("not-tls"),
    TLS_NOT_OFFERED("tls-not-offered"),
    INCONSISTENT("inconsistent"),
    EXCLUDED("excluded");

    private static final Set<FindingKind> WEAK_FINDINGS = Set.of(FindingKind.RC4, FindingKind.SWEET32,
            FindingKind.EXPORT, FindingKind.NULL_CIPHER, FindingKind.ANONYMOUS, FindingKind.DES, FindingKind.MD5,
            FindingKind.SSLV3);

    private static final Labels<FailOn> LABELS = Labels.ofAnyCase(FailOn.class);

    private final String label;

    FailOn(String label) {
        this.label = label;
    }

    public boolean metBy(Assessment a) {
        return metBy(a.verdict().label(), a.findings().stream().map(f -> f.kind().label()).toList());
    }

    /** The condition on a verdict and finding kinds by label (a result line carried over from a baseline). */
    public boolean metBy(String verdict, List<String> findings) {
        return switch (this) {
            case BREAKS -> Verdict.BREAKS_WITHOUT_LEGACY.label().equals(verdict);
            case NO_COMMON -> Verdict.NO_COMMON_ALGORITHM_RISK.label().equals(verdict);
            case LEGACY -> Verdict.LEGACY_ENABLED.label().equals(verdict)
                    || Verdict.BREAKS_WITHOUT_LEGACY.label().equals(verdict);
            case WEAK -> findings.stream().anyMatch(k -> WEAK_FINDINGS.stream().anyMatch(w -> w.label().equals(k)));
            case UNREACHABLE -> Verdict.UNREACHABLE.label().equals(verdict);
            case NOT_TLS -> Verdict.NOT_TLS.label().equals(verdict);
            case TLS_NOT_OFFERED -> Verdict.TLS_NOT_OFFERED.label().equals(verdict);
            case INCONSISTENT -> Verdict.INCONSISTENT.label().equals(verdict);
            case EXCLUDED -> Verdict.EXCLUDED.label().equals(verdict);
        };
    }

    public static boolean anyMet(List<FailOn> conditions, io.tlsweep.report.ResultJson line) {
        List<String> kinds = line.findings() == null ? List.of()
                : line.findings().stream().map(io.tlsweep.report.ResultJson.FindingJson::kind).toList();
        return conditions.stream().anyMatch(c -> c.metBy(line.verdict(), kinds));
    }

    public static boolean anyMet(List<FailOn> conditions, Assessment a) {
        return conditions.stream().anyMatch(c -> c.metBy(a));
    }

    /** As written in {@code --fail-on} and a sweep file's {@code failOn}: "breaks", "no-common"... */
    @Override
    public String label() {
        return label;
    }

    /**
     * Reads one condition name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static FailOn parse(String value) {
        return LABELS.require(value, "--fail-on condition");
    }
}
