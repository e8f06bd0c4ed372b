package io.tlsweep.targets.hostile;

import java.util.List;

/**
 * What a hostile server needs from a ClientHello.
 *
 * @param clientVersion  legacy_version field, e.g. {@code 0x0303}
 * @param sessionId      legacy_session_id (0 to 32 bytes)
 * @param cipherSuites   offered suite codes in client order (SCSVs and GREASE included)
 * @param extensionTypes offered extension types in order
 */
public record ClientHelloSummary(int clientVersion, byte[] sessionId, List<Integer> cipherSuites,
                                 List<Integer> extensionTypes) {

    public ClientHelloSummary {
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        extensionTypes = List.copyOf(extensionTypes);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Whether the client signalled secure renegotiation (SCSV 0x00FF or extension 0xFF01). */
    public boolean offersRenegotiationInfo() {
        return cipherSuites.contains(0x00ff) || extensionTypes.contains(0xff01);
    }
}
