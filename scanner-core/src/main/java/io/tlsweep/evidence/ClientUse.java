package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One client's use of one version at one endpoint, counted over the inputs.
 *
 * @param client the client's address ("unknown" where the input has none)
 * @param version the negotiated version (for failed handshakes: the one asked for)
 * @param established handshakes that completed
 * @param failed handshakes that failed (error events, alerts in a capture)
 * @param first the earliest time seen, where the input has times
 * @param last the latest time seen
 * @param userAgents the distinct user agents logged (the first few)
 * @param suites the cipher suites used, with their counts (the first few distinct)
 * @param identity what the ClientHello says about the client, where an input showed it
 * @param formats the readers that saw it ("nginx", "pcap" ...)
 */
public record ClientUse(String client, ProtocolVersion version, long established, long failed,
        Optional<Instant> first, Optional<Instant> last, List<String> userAgents, Map<String, Long> suites,
        ClientIdentity identity, List<String> formats) {
    public ClientUse {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        userAgents = List.copyOf(userAgents);
        suites = Map.copyOf(suites);
        Objects.requireNonNull(identity, "identity");
        formats = List.copyOf(formats);
    }

    /** Every handshake seen, completed or not. */
    public long count() {
        return established + failed;
    }
}
