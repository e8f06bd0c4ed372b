package io.tlsweep.report;

import io.tlsweep.analysis.LegacyUse;
import java.util.List;

/**
 * The run's endpoints by what the evidence of use says of their legacy versions (lines with an {@code evidence}):
 * those whose legacy versions clients still use, with the clients, and the safe switch-offs. Bounded like every
 * list of the report.
 */
public final class LegacyUseTally {
    private final Capped<Row> inUse;
    private final Capped<Row> unused;
    private long noEvidence;
    private long joined;

    /**
     * One endpoint's row.
     *
     * @param endpoint the endpoint as the report names it
     * @param accepted the legacy versions it accepts, "TLSv1.0, TLSv1.1"
     * @param clients the legacy clients named in the line, each "address version (n handshakes, looks like ...)"
     * @param summary the line's evidence summary
     */
    public record Row(String endpoint, String accepted, List<String> clients, String summary) {
        public Row {
            clients = List.copyOf(clients);
        }
    }

    LegacyUseTally(int cap) {
        inUse = new Capped<>(cap);
        unused = new Capped<>(cap);
    }

    void add(ResultJson r, String name) {
        LegacyUseJson use = r.evidence();
        if (use == null) {
            return;
        }
        joined++;
        String accepted = use.legacyAccepted() == null ? "" : String.join(", ", use.legacyAccepted());
        Row row = new Row(name, accepted, use.clients() == null ? List.of()
                : use.clients().stream().map(LegacyUseTally::client).toList(),
                use.summary() == null ? "" : use.summary());
        if (LegacyUse.Verdict.IN_USE.label().equals(use.verdict())) {
            inUse.add(row);
        } else if (LegacyUse.Verdict.UNUSED.label().equals(use.verdict())) {
            unused.add(row);
        } else if (LegacyUse.Verdict.NO_EVIDENCE.label().equals(use.verdict())) {
            noEvidence++;
        }
    }

    private static String client(LegacyUseJson.ClientJson c) {
        StringBuilder s = new StringBuilder().append(c.client()).append(' ').append(c.version()).append(" (")
                .append(c.established() + c.failed()).append(c.established() + c.failed() == 1 ? " handshake"
                        : " handshakes");
        if (c.last() != null) {
            s.append(", last ").append(c.last());
        }
        if (c.looksLike() != null) {
            s.append(", looks like ").append(c.looksLike())
                    .append(c.distance() == null || c.distance() == 0 ? "" : " (distance " + c.distance() + ")");
        } else if (c.userAgents() != null && !c.userAgents().isEmpty()) {
            s.append(", user agent ").append(c.userAgents().get(0));
        }
        return s.append(')').toString();
    }

    /** Endpoints whose legacy versions were used in the evidence's window. */
    public Capped<Row> inUse() {
        return inUse;
    }

    /** Endpoints that accept legacy versions nobody used in the window: the safe switch-offs. */
    public Capped<Row> unused() {
        return unused;
    }

    /** Endpoints that accept legacy versions and that no evidence names. */
    public long noEvidence() {
        return noEvidence;
    }

    /** Lines that carry evidence at all; 0: no evidence was joined with the run. */
    public long joined() {
        return joined;
    }
}
