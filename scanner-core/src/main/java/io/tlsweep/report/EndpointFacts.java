package io.tlsweep.report;

import io.tlsweep.report.ResultJson.FailureJson;
import io.tlsweep.report.ResultJson.FindingJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import io.tlsweep.result.WindowsSymptom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the reports derive from one result line: the versions accepted, the best of them, suite count, the
 * cipher order of the best version, finding labels and the failure's Windows symptom. Null-tolerant: a
 * line read back from an older or hand-edited file may lack any list.
 *
 * @param versions accepted versions as named in the line, oldest first
 * @param best the newest accepted version, empty if none
 * @param suites distinct cipher suites accepted over all versions
 * @param order the cipher order of the best version ("server", "client", "unknown"), empty if none
 */
public record EndpointFacts(ResultJson result, List<String> versions, String best, int suites, String order,
        List<String> findings, String failureKind, WindowsSymptom windows) {

    /** The versions reports give a column each, oldest first. */
    public static final List<String> VERSION_COLUMNS = List.of("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final List<String> RANK = List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final WindowsSymptom NONE = new WindowsSymptom("", "", "", "");

    public static EndpointFacts of(ResultJson r) {
        List<ProtocolJson> protocols = protocols(r);
        List<String> versions = new ArrayList<>();
        Set<String> codes = new LinkedHashSet<>();
        ProtocolJson best = null;
        for (ProtocolJson p : protocols) {
            versions.add(p.version());
            if (p.cipherSuites() != null) {
                p.cipherSuites().stream().map(SuiteJson::code).forEach(codes::add);
            }
            if (best == null || rank(p.version()) >= rank(best.version())) {
                best = p;
            }
        }
        List<String> findings = r.findings() == null ? List.of()
                : r.findings().stream().map(FindingJson::kind).distinct().toList();
        FailureJson f = r.failure();
        WindowsSymptom w = f == null || f.windowsSymptom() == null ? NONE : f.windowsSymptom();
        return new EndpointFacts(r, List.copyOf(versions), best == null ? "" : nonNull(best.version()), codes.size(),
                best == null ? "" : nonNull(best.order()), findings, f == null ? "" : nonNull(f.kind()), w);
    }

    public boolean accepts(String version) {
        return versions.contains(version);
    }

    public String findingsJoined() {
        return String.join(" ", findings);
    }

    /** "alert(handshake_failure)" for an alert, else the failure kind; empty without a failure. */
    public String failureLabel() {
        FailureJson f = result.failure();
        if (f == null) {
            return "";
        }
        return f.alert() == null || f.alert().isEmpty() ? failureKind : failureKind + "(" + f.alert() + ")";
    }

    /**
     * What is said before TLS, for a person, short: "smtp, STARTTLS" (offered), "smtp, no STARTTLS" (not offered),
     * "smtp" (the prelude ended before it told); empty where TLS starts with the first byte.
     */
    public static String preludeShown(ResultJson r) {
        return r.preludeProtocol().map(p -> p + r.starttlsOffered().map(offered -> offered ? ", STARTTLS"
                : ", no STARTTLS").orElse("")).orElse("");
    }

    /** "yes" or "no" when the prelude told whether STARTTLS was offered, else empty. */
    public static String starttlsOfferedCell(ResultJson r) {
        return r.starttlsOffered().map(offered -> offered ? "yes" : "no").orElse("");
    }

    public String notesJoined() {
        return result.notes() == null ? "" : result.notes().stream().collect(Collectors.joining("; "));
    }

    static List<ProtocolJson> protocols(ResultJson r) {
        return r.protocols() == null ? List.of() : r.protocols();
    }

    /** Known versions by age; unknown names (drafts, hex codes) rank between TLS 1.2 and 1.3. */
    static double rank(String version) {
        int i = RANK.indexOf(version);
        return i >= 0 ? i : RANK.indexOf("TLSv1.2") + 0.5;
    }

    static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
