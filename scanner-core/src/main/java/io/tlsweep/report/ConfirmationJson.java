package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.FindingKind;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;

/** The real-stack confirmation of a raw scan, as a result line carries it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfirmationJson(String outcome, String provider, String expectedVersion, String expectedSuite,
        String negotiatedVersion, String negotiatedSuite, String detail) {

    /** The finding label of a disagreement between the raw scan and a real handshake. */
    public static final String DISAGREES = FindingKind.REAL_STACK_DISAGREES.label();

    static ConfirmationJson of(Confirmation c) {
        return new ConfirmationJson(c.outcome().label(), c.provider().orElse(null),
                c.expectedVersion().displayName(), c.expectedSuite().map(CipherSuite::ianaName).orElse(null),
                c.negotiatedVersion().map(ProtocolVersion::displayName).orElse(null),
                c.negotiatedSuite().map(CipherSuite::ianaName).orElse(null), c.detail());
    }
}
