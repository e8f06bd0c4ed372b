package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The running count of one client's use of one version at one endpoint: bounded whatever the input holds (the first
 * {@value #USER_AGENTS} distinct user agents, the first {@value #SUITES} distinct suites and the rest as
 * {@value #OTHER_SUITES}, texts cut at {@value #TEXT} characters).
 */
final class ClientCounter {
    /** Distinct user agents kept per client. */
    static final int USER_AGENTS = 5;
    /** Distinct suites kept per client; the others are counted together. */
    static final int SUITES = 16;
    /** The suite name the suites past {@value #SUITES} are counted under. */
    static final String OTHER_SUITES = "other";
    /** The longest user agent, suite or client address kept; longer ones are cut and end with "…". */
    static final int TEXT = 256;
    /** Distinct formats kept per client. */
    private static final int FORMATS = 8;

    private long established;
    private long failed;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private final List<String> userAgents = new ArrayList<>(1);
    private final Map<String, long[]> suites = new LinkedHashMap<>(4);
    private long otherSuites;
    private final List<String> formats = new ArrayList<>(1);

    void count(Observation o) {
        if (o.established()) {
            established++;
        } else {
            failed++;
        }
        o.time().ifPresent(t -> {
            long ms = t.toEpochMilli();
            first = Math.min(first, ms);
            last = Math.max(last, ms);
        });
        o.userAgent().filter(ua -> !ua.isBlank()).map(ClientCounter::cut).ifPresent(ua -> {
            if (userAgents.size() < USER_AGENTS && !userAgents.contains(ua)) {
                userAgents.add(ua);
            }
        });
        o.cipher().filter(c -> !c.isBlank()).map(ClientCounter::cut).ifPresent(this::suite);
        if (formats.size() < FORMATS && !formats.contains(o.format())) {
            formats.add(o.format());
        }
    }

    private void suite(String name) {
        long[] n = suites.get(name);
        if (n != null) {
            n[0]++;
        } else if (suites.size() < SUITES) {
            suites.put(name, new long[] {1});
        } else {
            otherSuites++;
        }
    }

    ClientUse use(String client, ProtocolVersion version, ClientIdentity identity) {
        Map<String, Long> counted = new HashMap<>();
        suites.forEach((name, n) -> counted.put(name, n[0]));
        if (otherSuites > 0) {
            counted.merge(OTHER_SUITES, otherSuites, Long::sum);
        }
        return new ClientUse(client, version, established, failed, time(first), time(last), userAgents, counted,
                identity, formats);
    }

    private static Optional<Instant> time(long ms) {
        return ms == Long.MAX_VALUE || ms == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** {@code text}, or its start and "…" when it is longer than {@value #TEXT} characters. */
    static String cut(String text) {
        return text.length() <= TEXT ? text : text.substring(0, TEXT - 1) + "…";
    }
}
