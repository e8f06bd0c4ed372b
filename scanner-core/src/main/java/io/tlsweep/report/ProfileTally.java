package io.tlsweep.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client profiles over a whole run: per profile, how many endpoints it reaches and fails on, which it
 * loses when TLS 1.0/1.1 go and under the user's what-if (capped lists), and where its own hello disagreed
 * with the prediction; plus a capped profile × endpoint matrix for the page.
 */
public final class ProfileTally {
    /** One profile's counts and losses. */
    public static final class Column {
        private final String id;
        private final String name;
        private long connects;
        private long fails;
        private long disagreements;
        private final Capped<Loss> legacyOff;
        private final Capped<Loss> whatIf;
        private final MessageCounts legacyOffMessages = new MessageCounts();
        private final MessageCounts whatIfMessages = new MessageCounts();

        Column(String id, String name, int cap) {
            this.id = id;
            this.name = name;
            this.legacyOff = new Capped<>(cap);
            this.whatIf = new Capped<>(cap);
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public long connects() {
            return connects;
        }

        public long fails() {
            return fails;
        }

        public long disagreements() {
            return disagreements;
        }

        public Capped<Loss> legacyOff() {
            return legacyOff;
        }

        public Capped<Loss> whatIf() {
            return whatIf;
        }

        /** What this client shows over all the endpoints it loses when the legacy versions go, each once. */
        public MessageCounts legacyOffMessages() {
            return legacyOffMessages;
        }

        public MessageCounts whatIfMessages() {
            return whatIfMessages;
        }
    }

    /** An endpoint a profile loses, and what the client will show ({@link #shown}). */
    public record Loss(String target, String sni, String message) {
    }

    /**
     * One endpoint's row of the matrix: a cell per profile id, in full ({@link #cell}) and as a mark ({@link #mark}).
     */
    public record MatrixRow(String target, String verdict, Map<String, String> cells, Map<String, String> marks) {
    }

    static final String CONNECTS = "\u2713";
    static final String FAILS = "\u2717";
    static final String UNKNOWN = "?";
    static final String DISAGREES = "*";

    private final int cap;
    private final Map<String, Column> columns = new LinkedHashMap<>();
    private final Capped<MatrixRow> matrix;
    private String whatIfLabel;
    private String legacyOffLabel;

    ProfileTally(int cap) {
        this.cap = cap;
        this.matrix = new Capped<>(cap);
    }

    void add(ResultJson r) {
        if (r.profiles() == null || r.profiles().isEmpty()) {
            return;
        }
        Map<String, String> cells = new LinkedHashMap<>();
        Map<String, String> marks = new LinkedHashMap<>();
        for (ProfileJson p : r.profiles()) {
            Column c = columns.computeIfAbsent(p.id(), id -> new Column(id, p.name(), cap));
            ProfileJson.OutcomeJson o = effective(p);
            if (o.connects()) {
                c.connects++;
            } else if (!"unknown".equals(o.result()) && !"no-answer".equals(o.result())) {
                c.fails++;
            }
            if (Boolean.FALSE.equals(p.agrees())) {
                c.disagreements++;
            }
            cells.put(p.id(), cell(p));
            marks.put(p.id(), mark(p));
        }
        matrix.add(new MatrixRow(r.target(), r.verdict(), cells, marks));
        if (r.legacyOff() != null) {
            legacyOffLabel = r.legacyOff().disabled();
            r.legacyOff().loses().forEach(l -> {
                Column c = column(l);
                c.legacyOff.add(loss(r, l));
                c.legacyOffMessages.add(shown(l));
            });
        }
        if (r.whatIf() != null) {
            whatIfLabel = r.whatIf().disabled();
            r.whatIf().loses().forEach(l -> {
                Column c = column(l);
                c.whatIf.add(loss(r, l));
                c.whatIfMessages.add(shown(l));
            });
        }
    }

    private Column column(ProfileJson.LossJson l) {
        return columns.computeIfAbsent(l.id(), id -> new Column(id, l.name(), cap));
    }

    private static Loss loss(ResultJson r, ProfileJson.LossJson l) {
        return new Loss(r.target(), r.sni(), shown(l));
    }

    /**
     * What the client shows once it has lost the endpoint, the same words wherever a loss is shown: its message, or
     * the outcome when it has none; "(assumed)" when the server never showed that refusal.
     */
    static String shown(ProfileJson.LossJson l) {
        String words = l.message() != null ? l.message().oneLine()
                : l.after() == null ? "" : "(" + EndpointFacts.nonNull(l.after().result()) + ")";
        return l.after() != null && Boolean.TRUE.equals(l.after().assumed()) ? words + " (assumed)" : words;
    }

    /** The prediction, or what the profile's own hello got when nothing was predicted. */
    static ProfileJson.OutcomeJson effective(ProfileJson p) {
        return "unknown".equals(p.predicted().result()) && p.observed() != null ? p.observed() : p.predicted();
    }

    /**
     * One cell: "TLSv1.2 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", or "fails: server-refuses-version: 0x80090302 The
     * function requested is not supported"; a disagreement adds what the profile's own hello got.
     */
    static String cell(ProfileJson p) {
        ProfileJson.OutcomeJson o = effective(p);
        String text = o.connects() ? o.version() + " " + o.suite()
                : "fails: " + o.result() + (p.message() == null ? "" : ": " + p.message().oneLine());
        if ("unknown".equals(o.result())) {
            text = "unknown";
        }
        if (Boolean.FALSE.equals(p.agrees()) && p.observed() != null) {
            ProfileJson.OutcomeJson seen = p.observed();
            text += " [own hello got: " + (seen.connects() ? seen.version() + " " + seen.suite() : seen.result()
                    + (seen.alert() == null ? "" : " " + seen.alert())) + "]";
        }
        return text;
    }

    /**
     * One cell as a mark: "✓ 1.2" (connects, with the version), "✗" (fails), "?" (unknown); a "*" is added when the
     * profile's own hello got something else than predicted.
     */
    static String mark(ProfileJson p) {
        ProfileJson.OutcomeJson o = effective(p);
        String mark = "unknown".equals(o.result()) ? UNKNOWN
                : o.connects() ? CONNECTS + " " + shortVersion(o.version()) : FAILS;
        return Boolean.FALSE.equals(p.agrees()) && p.observed() != null ? mark + DISAGREES : mark;
    }

    /** "TLSv1.2" as "1.2", "SSLv3" as "SSL3"; anything else as it is. */
    static String shortVersion(String version) {
        if (version == null) {
            return "";
        }
        return version.startsWith("TLSv") ? version.substring(4) : version.replace("SSLv", "SSL");
    }

    public List<Column> columns() {
        return List.copyOf(columns.values());
    }

    public Capped<MatrixRow> matrix() {
        return matrix;
    }

    /** What the user's what-if switched off, when one was given. */
    public Optional<String> whatIfLabel() {
        return Optional.ofNullable(whatIfLabel);
    }

    public Optional<String> legacyOffLabel() {
        return Optional.ofNullable(legacyOffLabel);
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }
}
