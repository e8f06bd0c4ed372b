package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
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

    private static final String[] NONE = new String[0];
    private static final long[] NO_COUNTS = new long[0];

    private long established;
    private long failed;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long otherSuites;
    // small arrays rather than lists and maps: most keys hold one of each, and there may be a million keys
    private String[] userAgents = NONE;
    private String[] suites = NONE;
    private long[] suiteCounts = NO_COUNTS;
    private String[] formats = NONE;

    /** Counts {@code o}; texts kept are shared through {@code shared}. */
    void count(Observation o, Canonical shared) {
        if (o.established()) {
            established++;
        } else {
            failed++;
        }
        if (o.time().isPresent()) {
            long ms = o.time().get().toEpochMilli();
            first = Math.min(first, ms);
            last = Math.max(last, ms);
        }
        String ua = o.userAgent().filter(u -> !u.isBlank()).map(ClientCounter::cut).orElse(null);
        if (ua != null && userAgents.length < USER_AGENTS && indexOf(userAgents, ua) < 0) {
            userAgents = with(userAgents, shared.of(ua));
        }
        String suite = o.cipher().filter(c -> !c.isBlank()).map(ClientCounter::cut).orElse(null);
        if (suite != null) {
            int i = indexOf(suites, suite);
            if (i >= 0) {
                suiteCounts[i]++;
            } else if (suites.length < SUITES) {
                suites = with(suites, shared.of(suite));
                suiteCounts = Arrays.copyOf(suiteCounts, suiteCounts.length + 1);
                suiteCounts[suiteCounts.length - 1] = 1;
            } else {
                otherSuites++;
            }
        }
        if (formats.length < FORMATS && indexOf(formats, o.format()) < 0) {
            formats = with(formats, shared.of(o.format()));
        }
    }

    ClientUse use(String client, ProtocolVersion version, ClientIdentity identity) {
        Map<String, Long> counted = new HashMap<>();
        for (int i = 0; i < suites.length; i++) {
            counted.put(suites[i], suiteCounts[i]);
        }
        if (otherSuites > 0) {
            counted.merge(OTHER_SUITES, otherSuites, Long::sum);
        }
        return new ClientUse(client, version, established, failed, time(first), time(last), List.of(userAgents),
                counted, identity, List.of(formats));
    }

    private static int indexOf(String[] texts, String text) {
        for (int i = 0; i < texts.length; i++) {
            if (texts[i].equals(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String[] with(String[] texts, String text) {
        String[] more = Arrays.copyOf(texts, texts.length + 1);
        more[texts.length] = text;
        return more;
    }

    private static Optional<Instant> time(long ms) {
        return ms == Long.MAX_VALUE || ms == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    /** {@code text}, or its start and "…" when it is longer than {@value #TEXT} characters. */
    static String cut(String text) {
        return text.length() <= TEXT ? text : text.substring(0, TEXT - 1) + "…";
    }
}
