package io.tlsweep.run;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.check.Judgement;
import io.tlsweep.report.ResultJson;
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
    EXCLUDED("excluded"),
    /** An active check found the endpoint vulnerable (Heartbleed, CCS injection...): any check's result. */
    VULNERABLE("vulnerable"),
    /** The endpoint is not compliant with a policy the run chose ({@code --policy}). */
    POLICY("policy");

    private static final Set<FindingKind> WEAK_FINDINGS = Set.of(FindingKind.RC4, FindingKind.SWEET32,
            FindingKind.EXPORT, FindingKind.NULL_CIPHER, FindingKind.ANONYMOUS, FindingKind.DES, FindingKind.MD5,
            FindingKind.SSLV3);

    private static final Labels<FailOn> LABELS = Labels.ofAnyCase(FailOn.class);

    private final String label;

    FailOn(String label) {
        this.label = label;
    }

    /** The condition on a verdict and finding kinds by label, where no active check found anything. */
    public boolean metBy(String verdict, List<String> findings) {
        return metBy(verdict, findings, false);
    }

    /**
     * The condition on a verdict, finding kinds by label and whether an active check found the endpoint
     * vulnerable: what a result line says.
     */
    public boolean metBy(String verdict, List<String> findings, boolean vulnerable) {
        return metBy(verdict, findings, vulnerable, false);
    }

    /**
     * The condition on what a result line says: its verdict, its finding kinds by label, whether an active check
     * found the endpoint vulnerable and whether it is not compliant with one of its policies.
     */
    public boolean metBy(String verdict, List<String> findings, boolean vulnerable, boolean notCompliant) {
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
            case VULNERABLE -> vulnerable;
            case POLICY -> notCompliant;
        };
    }

    /** Whether the endpoint of {@code line} (a new one, or one carried over from a baseline) meets a condition. */
    public static boolean anyMet(List<FailOn> conditions, ResultJson line) {
        List<String> kinds = line.findings() == null ? List.of()
                : line.findings().stream().map(ResultJson.FindingJson::kind).toList();
        boolean vulnerable = line.checks() != null && line.checks().values().stream()
                .anyMatch(c -> c != null && c.judgement().map(Judgement::vulnerable).orElse(false));
        boolean notCompliant = line.policies() != null && line.policies().stream()
                .anyMatch(p -> p != null && p.notCompliant());
        return conditions.stream().anyMatch(c -> c.metBy(line.verdict(), kinds, vulnerable, notCompliant));
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
