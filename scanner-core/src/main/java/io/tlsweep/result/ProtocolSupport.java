package io.tlsweep.result;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.List;
import java.util.Optional;

/**
 * What one protocol version of an endpoint accepts.
 *
 * @param cipherSuites accepted suites, in the server's order when it enforces one
 * @param order whose order decides
 * @param chacha20Priority the server prefers ChaCha20 when the client lists it first, else its own order
 * @param groups key-exchange groups accepted with this version (TLS 1.3: in the server's order as found by
 *     HelloRetryRequest; TLS ≤ 1.2: the ECDHE curves)
 * @param dhPrimeBits the DHE prime size seen in a ServerKeyExchange
 * @param complete false when the enumeration was cut short (budget, silence, a misbehaving reply)
 * @param refusal how the server turned down a hello of this version that offered none of its suites (the
 *     alert, reset or close a client without a shared suite meets), when the scan saw one
 */
public record ProtocolSupport(ProtocolVersion version, List<CipherSuite> cipherSuites, PreferenceOrder order,
        boolean chacha20Priority, List<NamedGroup> groups, Optional<Integer> dhPrimeBits, boolean complete,
        Optional<Failure> refusal) {
    public ProtocolSupport {
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
    }
}
