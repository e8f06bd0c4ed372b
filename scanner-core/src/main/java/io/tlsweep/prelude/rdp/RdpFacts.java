package io.tlsweep.prelude.rdp;

import io.tlsweep.result.PreludeFacts;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one RDP negotiation told: the security protocols the Connection Request asked for, and the server's
 * Connection Confirm once it came. One connection learns the protocol the server selects from those asked for;
 * which protocols it accepts at all takes one connection per set asked ({@link RdpPrelude#requesting}).
 */
public record RdpFacts(Set<SecurityProtocol> requested, Optional<Confirm> confirm) implements PreludeFacts {

    public RdpFacts {
        Objects.requireNonNull(requested, "requested");
        requested = requested.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(requested));
        Objects.requireNonNull(confirm, "confirm");
    }

    /** The server's Connection Confirm. */
    public sealed interface Confirm {
        /** An RDP_NEG_RSP: the protocol the server selected. */
        record Selected(SecurityProtocol protocol) implements Confirm {
            public Selected {
                Objects.requireNonNull(protocol, "protocol");
            }
        }

        /** An RDP_NEG_FAILURE with its failureCode. */
        record Refused(long failureCode) implements Confirm {
        }

        /** A Connection Confirm without negotiation data: a server older than negotiation, standard RDP only. */
        record WithoutNegotiation() implements Confirm {
        }
    }

    @Override
    public String protocol() {
        return RdpPrelude.PROTOCOL;
    }

    /**
     * Whether the server does standard RDP security only (no TLS at all), where this connection tells: yes for
     * a Connection Confirm without negotiation, for SSL_NOT_ALLOWED_BY_SERVER and for standard RDP selected
     * although TLS-based protocols were asked for; no for a TLS-based protocol selected and for the failures that
     * say TLS or CredSSP is required; unknown otherwise (standard RDP asked for alone and accepted, say).
     */
    public Optional<Boolean> standardRdpSecurityOnly() {
        Confirm c = confirm.orElse(null);
        if (c instanceof Confirm.WithoutNegotiation) {
            return Optional.of(true);
        }
        if (c instanceof Confirm.Selected s) {
            return s.protocol().startsTls() ? Optional.of(false)
                    : requested.isEmpty() ? Optional.empty() : Optional.of(true);
        }
        if (c instanceof Confirm.Refused r) {
            return NegotiationFailure.of(r.failureCode()).flatMap(NegotiationFailure::standardRdpSecurityOnly);
        }
        return Optional.empty();
    }

    /**
     * {@code requested-protocols} (the labels asked for, empty for standard RDP security alone);
     * {@code negotiation} ({@code rdp-neg-rsp}, {@code rdp-neg-failure}, or {@code none} for a Connection
     * Confirm without negotiation data); {@code selected-protocol} (a {@link SecurityProtocol#label()};
     * {@code standard-rdp} for a confirm without negotiation); {@code negotiation-failure} (the failureCode's
     * name); {@code standard-rdp-security-only}. Only what the server said is listed.
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requested-protocols", requested.stream().map(SecurityProtocol::label).toList());
        Confirm c = confirm.orElse(null);
        if (c instanceof Confirm.Selected s) {
            fields.put("negotiation", "rdp-neg-rsp");
            fields.put("selected-protocol", s.protocol().label());
        } else if (c instanceof Confirm.Refused r) {
            fields.put("negotiation", "rdp-neg-failure");
            fields.put("negotiation-failure", NegotiationFailure.name(r.failureCode()));
        } else if (c instanceof Confirm.WithoutNegotiation) {
            fields.put("negotiation", "none");
            fields.put("selected-protocol", SecurityProtocol.STANDARD_RDP.label());
        }
        standardRdpSecurityOnly().ifPresent(only -> fields.put("standard-rdp-security-only", only));
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return standardRdpSecurityOnly().filter(only -> only).map(only -> "standard RDP security only");
    }
}
