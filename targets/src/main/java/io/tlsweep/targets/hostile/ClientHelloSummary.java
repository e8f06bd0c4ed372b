package io.tlsweep.targets.hostile;

import java.util.List;

/**
 * What a hostile server needs from a ClientHello.
 *
 * @param clientVersion  legacy_version field, e.g. {@code 0x0303}
 * @param sessionId      legacy_session_id (0 to 32 bytes)
 * @param cipherSuites   offered suite codes in client order (SCSVs and GREASE included)
 * @param extensionTypes offered extension types in order
 * @param supportedVersions the versions listed in supported_versions (GREASE included); empty without it
 * @param messageLength  the handshake message's length: its 4-byte header plus the body length the header
 *                       declares (which may reach past the record read)
 * @param compressionMethods the offered compression methods in client order (0 null, 1 DEFLATE)
 */
public record ClientHelloSummary(int clientVersion, byte[] sessionId, List<Integer> cipherSuites,
                                 List<Integer> extensionTypes, List<Integer> supportedVersions, int messageLength,
                                 List<Integer> compressionMethods) {

    public ClientHelloSummary {
        sessionId = sessionId.clone();
        cipherSuites = List.copyOf(cipherSuites);
        extensionTypes = List.copyOf(extensionTypes);
        supportedVersions = List.copyOf(supportedVersions);
        compressionMethods = List.copyOf(compressionMethods);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /**
     * Whether supported_versions lists only versions above {@code version} (a TLS 1.3-only hello when
     * {@code version} is TLS 1.2); false without the extension.
     */
    public boolean offersOnlyAbove(int version) {
        return !supportedVersions.isEmpty() && supportedVersions.stream().allMatch(v -> v > version);
    }

    /** Whether the client signalled secure renegotiation (SCSV 0x00FF or extension 0xFF01). */
    public boolean offersRenegotiationInfo() {
        return cipherSuites.contains(0x00ff) || extensionTypes.contains(0xff01);
    }
}
