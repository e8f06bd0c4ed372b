package io.tlsweep.analysis;

import io.tlsweep.evidence.ClientUse;
import io.tlsweep.text.Labelled;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the evidence (server logs, captures) says about one scanned endpoint's legacy versions: whether clients
 * still use the SSL 3.0, TLS 1.0 or TLS 1.1 it accepts, and which.
 *
 * @param verdict in use, unused, no evidence, or no legacy version accepted
 * @param legacyAccepted the legacy versions the scan found accepted, oldest first
 * @param handshakes every handshake the evidence shows at this endpoint, any version (how well it is covered)
 * @param legacyHandshakes those of them with a legacy version, completed or not
 * @param clients the clients seen with a legacy version, the most handshakes first (at most {@link #MAX_CLIENTS}):
 *     those that completed one when any did, else those that tried
 * @param legacyClients how many such clients there are in all
 * @param from the earliest time of the evidence read (all inputs), where they have times
 * @param to the latest
 */
public record LegacyUse(Verdict verdict, List<ProtocolVersion> legacyAccepted, long handshakes,
        long legacyHandshakes, List<ClientUse> clients, int legacyClients, Optional<Instant> from,
        Optional<Instant> to) {
    /** How many legacy clients a line names; the count says how many there are. */
    public static final int MAX_CLIENTS = 20;

    public LegacyUse {
        Objects.requireNonNull(verdict, "verdict");
        legacyAccepted = List.copyOf(legacyAccepted);
        clients = List.copyOf(clients);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The versions whose use this answers for. */
    public static boolean legacy(ProtocolVersion v) {
        return v.code() < ProtocolVersion.TLSv1_2.code();
    }

    /** Words for a report: "2 clients used TLSv1.0 (14 handshakes) ..." */
    public String summary() {
        String accepted = String.join(", ", legacyAccepted.stream().map(ProtocolVersion::toString).toList());
        return switch (verdict) {
            case IN_USE -> "accepts " + accepted + " and " + legacyClients + (legacyClients == 1 ? " client" : " clients")
                    + " used it (" + legacyHandshakes + " handshakes" + window() + "): switching it off breaks them";
            case UNUSED -> "accepts " + accepted + "; no client completed a legacy handshake among the " + handshakes
                    + " seen" + window() + ": safe to switch off" + (legacyHandshakes == 0 ? ""
                            : " (" + legacyHandshakes + " failed legacy attempts by " + legacyClients + " clients)");
            case NO_EVIDENCE -> "accepts " + accepted + "; no evidence names this endpoint";
            case NO_LEGACY -> legacyHandshakes == 0 ? "no legacy version accepted"
                    : "no legacy version accepted; " + legacyClients + (legacyClients == 1 ? " client" : " clients")
                            + " still tried one (" + legacyHandshakes + " handshakes" + window() + ")";
        };
    }

    private String window() {
        return from.isPresent() && to.isPresent() ? ", " + from.get() + " to " + to.get() : "";
    }

    /** The answer. */
    public enum Verdict implements Labelled {
        /** Accepts a legacy version, and clients used it in the evidence's window. */
        IN_USE("legacy-in-use"),
        /** Accepts a legacy version, the evidence covers the endpoint, and no legacy handshake is in it. */
        UNUSED("legacy-unused"),
        /** Accepts a legacy version, and no evidence read names this endpoint: nothing can be said. */
        NO_EVIDENCE("no-evidence"),
        /** Accepts no legacy version. */
        NO_LEGACY("no-legacy");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
