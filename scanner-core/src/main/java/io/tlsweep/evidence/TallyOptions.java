package io.tlsweep.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * How an {@link EvidenceTally} counts: which handshakes it keeps (the window), what it assumes of observations that
 * do not name their server endpoint, how it identifies clients from their ClientHello, and how many distinct
 * clients it keeps apart.
 *
 * @param since observations before it are left out (counted as outside the window); empty: no window
 * @param endpoint the server endpoint given for observations that lack their address or port (a Postfix log names
 *     no server address); its parts fill only the parts the observation lacks
 * @param identify who a ClientHello looks like (JA4 and the nearest profile); {@link ClientIdentity#UNKNOWN} by
 *     default
 * @param maxKeys how many distinct (endpoint, version, client, identity) keys are kept apart; beyond it, new keys
 *     are counted in an "other clients" bucket (see {@link EvidenceTally})
 */
public record TallyOptions(Optional<Instant> since, Optional<EvidenceEndpoint> endpoint,
        Function<OfferedHello, ClientIdentity> identify, int maxKeys) {
    /** The default limit of distinct keys. */
    public static final int MAX_KEYS = 1_000_000;
    /** No window, no endpoint given, clients not identified, {@value #MAX_KEYS} keys. */
    public static final TallyOptions DEFAULTS = new TallyOptions(Optional.empty(), Optional.empty(),
            hello -> ClientIdentity.UNKNOWN, MAX_KEYS);

    public TallyOptions {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(identify, "identify");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys " + maxKeys);
        }
    }

    public TallyOptions since(Instant from) {
        return new TallyOptions(Optional.of(from), endpoint, identify, maxKeys);
    }

    /** The endpoint for observations that lack theirs; a null address or a negative port gives only the other. */
    public TallyOptions endpoint(String address, int port) {
        return new TallyOptions(since, Optional.of(new EvidenceEndpoint(Optional.ofNullable(address),
                port < 0 ? OptionalInt.empty() : OptionalInt.of(port), Optional.empty())), identify, maxKeys);
    }

    public TallyOptions identify(Function<OfferedHello, ClientIdentity> by) {
        return new TallyOptions(since, endpoint, by, maxKeys);
    }

    public TallyOptions maxKeys(int keys) {
        return new TallyOptions(since, endpoint, identify, keys);
    }
}
