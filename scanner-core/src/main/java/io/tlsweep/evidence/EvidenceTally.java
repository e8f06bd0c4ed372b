package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts observations into per-endpoint client usage ({@link EvidenceSummary}): one counter per distinct endpoint,
 * negotiated version, client address and client identity (JA4 and nearest profile, where the input showed the
 * ClientHello), plus one per day (UTC) and version, and the first {@value #PROBLEMS} problems with the count of all.
 *
 * <p>Nothing is kept per line: memory grows with the distinct keys only, each holding bounded counts (see
 * {@link ClientCounter}: at most 5 user agents and 16 suite names of at most 256 characters, shared between keys
 * through {@link Canonical}); a key of a client with one user agent and one suite takes about 400 bytes. A hostile
 * or simply huge input with millions of distinct client addresses grows with them, so the keys are bounded
 * ({@link TallyOptions#maxKeys()}, by default {@value TallyOptions#MAX_KEYS}, some 400 MB): past the limit a new key
 * is counted in an {@value #OTHER_CLIENTS} bucket of its endpoint and version, and one problem says so (placed at
 * the start of the input being read). Buckets of endpoints never seen before the limit are themselves bounded (a
 * hundredth of the limit); past that, the handshake is counted at the unknown endpoint. Days are bounded the same
 * way ({@value #DAYS} day-version pairs).
 *
 * <p>Not thread-safe: one reader feeds it at a time.
 */
public final class EvidenceTally implements EvidenceSink {
    /** Problems kept with their position; all are counted. */
    public static final int PROBLEMS = 20;
    /** The client named for the handshakes counted past the key limit. */
    public static final String OTHER_CLIENTS = "other clients";
    /** The client named where the input has no client address. */
    public static final String UNKNOWN_CLIENT = "unknown";
    /** Day-version pairs counted apart; past them, days are not counted (the handshakes are). */
    static final int DAYS = 100_000;
    private static final EvidenceEndpoint NOWHERE = new EvidenceEndpoint(Optional.empty(), OptionalInt.empty(),
            Optional.empty());

    private final TallyOptions options;
    private final Map<Key, ClientCounter> counters = new HashMap<>();
    private final Canonical shared = new Canonical();
    private final Map<DayKey, long[]> days = new HashMap<>();
    private final Set<String> inputs = new LinkedHashSet<>();
    private final List<EvidenceProblem> problems = new ArrayList<>();
    private long problemCount;
    private long observations;
    private long outsideWindow;
    private long withoutVersion;
    private long overflowed;
    private int buckets;
    private boolean daysFull;
    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;

    public EvidenceTally(TallyOptions options) {
        this.options = options;
    }

    /** A tally with {@link TallyOptions#DEFAULTS}. */
    public EvidenceTally() {
        this(TallyOptions.DEFAULTS);
    }

    /** Notes an input about to be read, for the summary's list. */
    public void input(String name) {
        inputs.add(name);
    }

    @Override
    public void observed(Observation o) {
        if (o.version().isEmpty()) {
            withoutVersion++;
            return;
        }
        Optional<Instant> time = o.time();
        if (time.isPresent() && options.since().isPresent() && time.get().isBefore(options.since().get())) {
            outsideWindow++;
            return;
        }
        observations++;
        ProtocolVersion version = o.version().get();
        String client = o.clientAddress().filter(a -> !a.isBlank()).map(ClientCounter::cut).orElse(UNKNOWN_CLIENT);
        ClientIdentity identity = o.offered().map(options.identify()).orElse(ClientIdentity.UNKNOWN);
        Key key = new Key(endpoint(o), version, client, identity);
        ClientCounter counter = counters.get(key);
        if (counter == null) {
            counter = counters.size() < options.maxKeys() ? new ClientCounter() : null;
            if (counter == null) {
                key = overflow(key);
                counter = counters.get(key);
            }
            if (counter == null) {
                counter = new ClientCounter();
                key = new Key(shared.of(key.endpoint()), key.version(), key.client(), key.identity());
            }
            counters.put(key, counter);
        }
        counter.count(o, shared);
        time.ifPresent(t -> {
            long ms = t.toEpochMilli();
            from = Math.min(from, ms);
            to = Math.max(to, ms);
            day(LocalDate.ofInstant(t, ZoneOffset.UTC), version, o.established());
        });
    }

    /** The bucket a key past the limit is counted in, and the one problem that says so. */
    private Key overflow(Key key) {
        overflowed++;
        if (overflowed == 1) {
            problem(new EvidenceProblem(where(), "more than " + options.maxKeys() + " distinct clients: new ones"
                    + " are counted as '" + OTHER_CLIENTS + "' per endpoint and version"));
        }
        Key bucket = new Key(key.endpoint(), key.version(), OTHER_CLIENTS, ClientIdentity.UNKNOWN);
        if (counters.containsKey(bucket)) {
            return bucket;
        }
        if (buckets < Math.max(16, options.maxKeys() / 100)) {
            buckets++;
            return bucket;
        }
        return new Key(NOWHERE, key.version(), OTHER_CLIENTS, ClientIdentity.UNKNOWN);
    }

    private void day(LocalDate day, ProtocolVersion version, boolean established) {
        DayKey key = new DayKey(day, version);
        long[] n = days.get(key);
        if (n == null) {
            if (days.size() >= DAYS) {
                if (!daysFull) {
                    daysFull = true;
                    problem(new EvidenceProblem(where(), "more than " + DAYS + " distinct days and versions:"
                            + " the daily series leaves the new ones out (their handshakes are counted)"));
                }
                return;
            }
            n = new long[2];
            days.put(key, n);
        }
        n[established ? 0 : 1]++;
    }

    private EvidenceEndpoint endpoint(Observation o) {
        EvidenceEndpoint seen = EvidenceEndpoint.of(o);
        if (options.endpoint().isEmpty()) {
            return seen;
        }
        EvidenceEndpoint given = options.endpoint().get();
        return new EvidenceEndpoint(seen.address().or(given::address),
                seen.port().isPresent() ? seen.port() : given.port(), seen.serverName());
    }

    @Override
    public void problem(EvidenceProblem p) {
        problemCount++;
        if (problems.size() < PROBLEMS) {
            problems.add(p);
        }
    }

    /** Handshakes counted so far (in the window, with a version). */
    public long observations() {
        return observations;
    }

    /** What is counted so far, in a stable order: endpoints by address, port, name; clients by version, count. */
    public EvidenceSummary summary() {
        Map<EvidenceEndpoint, List<ClientUse>> byEndpoint = new TreeMap<>(ENDPOINT_ORDER);
        counters.forEach((k, c) -> byEndpoint.computeIfAbsent(k.endpoint(), e -> new ArrayList<>())
                .add(c.use(k.client(), k.version(), k.identity())));
        List<EndpointEvidence> endpoints = new ArrayList<>();
        byEndpoint.forEach((e, uses) -> {
            uses.sort(USE_ORDER);
            endpoints.add(new EndpointEvidence(e, uses));
        });
        List<DailyCount> daily = new ArrayList<>();
        days.forEach((k, n) -> daily.add(new DailyCount(k.day(), k.version(), n[0], n[1])));
        daily.sort(Comparator.comparing(DailyCount::day).thenComparing(DailyCount::version));
        return new EvidenceSummary(List.copyOf(inputs), observations, problemCount, problems,
                from == Long.MAX_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(from)),
                to == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(to)), endpoints, daily);
    }

    /** What the summary does not say: the window, the handshakes left out, the keys. */
    public TallyNotes notes() {
        return new TallyNotes(options.since(), outsideWindow, withoutVersion, counters.size(), overflowed);
    }

    /** The start of the input being read: where a limit was reached, as near as the tally knows. */
    private Position where() {
        String last = "(input)";
        for (String n : inputs) {
            last = n;
        }
        return Position.offset(last, 0);
    }

    private static final Comparator<Optional<String>> TEXT = Comparator.comparing(o -> o.orElse(""));
    /** Known before unknown; then by text, port and name. */
    static final Comparator<EvidenceEndpoint> ENDPOINT_ORDER = Comparator
            .comparing((EvidenceEndpoint e) -> e.address().isEmpty() && e.port().isEmpty())
            .thenComparing(EvidenceEndpoint::address, TEXT)
            .thenComparingInt(e -> e.port().orElse(-1))
            .thenComparing(EvidenceEndpoint::serverName, TEXT);
    /** Oldest version first (the legacy ones lead), then the busiest client, then by address. */
    static final Comparator<ClientUse> USE_ORDER = Comparator.comparing(ClientUse::version)
            .thenComparing(Comparator.comparingLong(ClientUse::count).reversed())
            .thenComparing(ClientUse::client)
            .thenComparing(u -> u.identity().ja4().orElse(""));

    private record Key(EvidenceEndpoint endpoint, ProtocolVersion version, String client, ClientIdentity identity) {
    }

    private record DayKey(LocalDate day, ProtocolVersion version) {
    }
}
