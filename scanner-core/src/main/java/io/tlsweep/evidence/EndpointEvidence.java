package io.tlsweep.evidence;

import java.util.List;
import java.util.Objects;

/** What the evidence says about one server endpoint: each client's use of each version. */
public record EndpointEvidence(EvidenceEndpoint endpoint, List<ClientUse> clients) {
    public EndpointEvidence {
        Objects.requireNonNull(endpoint, "endpoint");
        clients = List.copyOf(clients);
    }
}
