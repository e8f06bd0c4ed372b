package io.tlsweep.wire;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that goes into one ClientHello. The encoder turns it into exact record bytes; nothing is
 * added that the spec does not ask for, so a probe controls every byte a server sees.
 *
 * <p>An absent list means "no such extension". {@code keyShares} distinguishes an absent key_share
 * extension ({@code Optional.empty()}) from an empty one (a present empty list), which makes a TLS 1.3
 * server answer with a HelloRetryRequest naming its preferred group.
 *
 * <p>A record version of {@link ProtocolVersion#SSLv2} asks for an SSL 2.0 CLIENT-HELLO instead of a TLS record:
 * the client version, {@code sslV2CipherKinds} then the cipher suites (as three-byte kinds, {@code 0x00} first),
 * the session id and the random as the challenge, no compression and no extension (RFC 5246 §E.2, the SSL 2.0
 * draft). Only such a hello may carry SSLv2 cipher kinds, and it may carry them without any TLS suite.
 */
public record ClientHelloSpec(
        ProtocolVersion recordVersion,
        ProtocolVersion clientVersion,
        byte[] random,
        byte[] sessionId,
        List<CipherSuite> cipherSuites,
        byte[] compressionMethods,
        Optional<String> serverName,
        List<NamedGroup> supportedGroups,
        byte[] ecPointFormats,
        List<SignatureScheme> signatureAlgorithms,
        List<ProtocolVersion> supportedVersions,
        Optional<List<KeyShareEntry>> keyShares,
        byte[] pskKeyExchangeModes,
        boolean renegotiationInfo,
        List<String> alpn,
        boolean extendedMasterSecret,
        boolean sessionTicket,
        boolean statusRequest,
        List<Extension> extraExtensions,
        Padding padding,
        List<SslV2CipherKind> sslV2CipherKinds) {

    /** How the encoder pads the hello (RFC 7685). */
    public enum Padding {
        /** Never add a padding extension. */
        NONE,
        /**
         * Pad a hello whose handshake message would be 256–511 bytes long up to 512, the range some
         * load balancers hang on.
         */
        AVOID_256_TO_511
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public ClientHelloSpec {
        if (random.length != 32) {
            throw new IllegalArgumentException("random must be 32 bytes, was " + random.length);
        }
        if (sessionId.length > 32) {
            throw new IllegalArgumentException("session id longer than 32 bytes: " + sessionId.length);
        }
        if (cipherSuites.isEmpty() && sslV2CipherKinds.isEmpty()) {
            throw new IllegalArgumentException("a ClientHello needs at least one cipher suite");
        }
        if (!sslV2CipherKinds.isEmpty() && !recordVersion.equals(ProtocolVersion.SSLv2)) {
            throw new IllegalArgumentException("SSLv2 cipher kinds go only in an SSLv2-format hello");
        }
        if (cipherSuites.size() > 32767) {
            throw new IllegalArgumentException("too many cipher suites: " + cipherSuites.size());
        }
        if (compressionMethods.length == 0 || compressionMethods.length > 255) {
            throw new IllegalArgumentException("1 to 255 compression methods required");
        }
        random = random.clone();
        sessionId = sessionId.clone();
        compressionMethods = compressionMethods.clone();
        ecPointFormats = ecPointFormats.clone();
        pskKeyExchangeModes = pskKeyExchangeModes.clone();
        cipherSuites = List.copyOf(cipherSuites);
        supportedGroups = List.copyOf(supportedGroups);
        signatureAlgorithms = List.copyOf(signatureAlgorithms);
        supportedVersions = List.copyOf(supportedVersions);
        keyShares = keyShares.map(List::copyOf);
        alpn = List.copyOf(alpn);
        extraExtensions = List.copyOf(extraExtensions);
        sslV2CipherKinds = List.copyOf(sslV2CipherKinds);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    @Override
    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    @Override
    public byte[] ecPointFormats() {
        return ecPointFormats.clone();
    }

    @Override
    public byte[] pskKeyExchangeModes() {
        return pskKeyExchangeModes.clone();
    }

    /** Whether the hello carries any extension at all (an SSLv3-style hello may carry none). */
    public boolean hasExtensions() {
        return serverName.isPresent() || !supportedGroups.isEmpty() || ecPointFormats.length > 0
                || !signatureAlgorithms.isEmpty() || !supportedVersions.isEmpty() || keyShares.isPresent()
                || pskKeyExchangeModes.length > 0 || renegotiationInfo || !alpn.isEmpty()
                || extendedMasterSecret || sessionTicket || statusRequest || !extraExtensions.isEmpty();
    }

    /** The highest version this hello offers: from supported_versions when present, else the client version. */
    public ProtocolVersion highestOffered() {
        return supportedVersions.stream().filter(ProtocolVersion::isKnown).max(ProtocolVersion::compareTo)
                .orElse(clientVersion);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.recordVersion = recordVersion;
        b.clientVersion = clientVersion;
        b.random = random;
        b.sessionId = sessionId;
        b.cipherSuites = new ArrayList<>(cipherSuites);
        b.compressionMethods = compressionMethods;
        b.serverName = serverName;
        b.supportedGroups = supportedGroups;
        b.ecPointFormats = ecPointFormats;
        b.signatureAlgorithms = signatureAlgorithms;
        b.supportedVersions = supportedVersions;
        b.keyShares = keyShares;
        b.pskKeyExchangeModes = pskKeyExchangeModes;
        b.renegotiationInfo = renegotiationInfo;
        b.alpn = alpn;
        b.extendedMasterSecret = extendedMasterSecret;
        b.sessionTicket = sessionTicket;
        b.statusRequest = statusRequest;
        b.extraExtensions = extraExtensions;
        b.padding = padding;
        b.sslV2CipherKinds = sslV2CipherKinds;
        return b;
    }

    /** A bare hello: TLS 1.0 record, TLS 1.2 client version, fresh random, no extensions, no suites yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A 32-byte random from a SecureRandom. */
    public static byte[] freshRandom() {
        byte[] r = new byte[32];
        RANDOM.nextBytes(r);
        return r;
    }

    /** Builds a {@link ClientHelloSpec}; every setter replaces what was there. */
    public static final class Builder {
        private ProtocolVersion recordVersion = ProtocolVersion.TLSv1_0;
        private ProtocolVersion clientVersion = ProtocolVersion.TLSv1_2;
        private byte[] random;
        private byte[] sessionId = new byte[0];
        private List<CipherSuite> cipherSuites = new ArrayList<>();
        private byte[] compressionMethods = {0};
        private Optional<String> serverName = Optional.empty();
        private List<NamedGroup> supportedGroups = List.of();
        private byte[] ecPointFormats = new byte[0];
        private List<SignatureScheme> signatureAlgorithms = List.of();
        private List<ProtocolVersion> supportedVersions = List.of();
        private Optional<List<KeyShareEntry>> keyShares = Optional.empty();
        private byte[] pskKeyExchangeModes = new byte[0];
        private boolean renegotiationInfo;
        private List<String> alpn = List.of();
        private boolean extendedMasterSecret;
        private boolean sessionTicket;
        private boolean statusRequest;
        private List<Extension> extraExtensions = List.of();
        private Padding padding = Padding.AVOID_256_TO_511;
        private List<SslV2CipherKind> sslV2CipherKinds = List.of();

        private Builder() {
        }

        public Builder recordVersion(ProtocolVersion v) {
            recordVersion = v;
            return this;
        }

        public Builder clientVersion(ProtocolVersion v) {
            clientVersion = v;
            return this;
        }

        public Builder random(byte[] r) {
            random = r.clone();
            return this;
        }

        public Builder sessionId(byte[] id) {
            sessionId = id.clone();
            return this;
        }

        /** A random 32-byte session id, as TLS 1.3 "middlebox compatibility mode" clients send. */
        public Builder randomSessionId() {
            sessionId = freshRandom();
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> suites) {
            cipherSuites = new ArrayList<>(suites);
            return this;
        }

        public Builder addCipherSuite(CipherSuite suite) {
            cipherSuites.add(suite);
            return this;
        }

        public Builder compressionMethods(byte... methods) {
            compressionMethods = methods.clone();
            return this;
        }

        public Builder serverName(String name) {
            serverName = Optional.ofNullable(name);
            return this;
        }

        public Builder supportedGroups(List<NamedGroup> groups) {
            supportedGroups = groups;
            return this;
        }

        public Builder ecPointFormats(byte... formats) {
            ecPointFormats = formats.clone();
            return this;
        }

        public Builder signatureAlgorithms(List<SignatureScheme> schemes) {
            signatureAlgorithms = schemes;
            return this;
        }

        public Builder supportedVersions(List<ProtocolVersion> versions) {
            supportedVersions = versions;
            return this;
        }

        /** Sends a key_share extension with these entries; an empty list sends an empty key_share. */
        public Builder keyShares(List<KeyShareEntry> entries) {
            keyShares = Optional.of(entries);
            return this;
        }

        public Builder noKeyShare() {
            keyShares = Optional.empty();
            return this;
        }

        public Builder pskKeyExchangeModes(byte... modes) {
            pskKeyExchangeModes = modes.clone();
            return this;
        }

        public Builder renegotiationInfo(boolean on) {
            renegotiationInfo = on;
            return this;
        }

        public Builder alpn(List<String> protocols) {
            alpn = protocols;
            return this;
        }

        public Builder extendedMasterSecret(boolean on) {
            extendedMasterSecret = on;
            return this;
        }

        public Builder sessionTicket(boolean on) {
            sessionTicket = on;
            return this;
        }

        public Builder statusRequest(boolean on) {
            statusRequest = on;
            return this;
        }

        public Builder extraExtensions(List<Extension> extensions) {
            extraExtensions = extensions;
            return this;
        }

        public Builder padding(Padding p) {
            padding = p;
            return this;
        }

        /** The SSL 2.0 cipher kinds of an SSLv2-format hello (record version {@link ProtocolVersion#SSLv2}). */
        public Builder sslV2CipherKinds(List<SslV2CipherKind> kinds) {
            sslV2CipherKinds = kinds;
            return this;
        }

        public ClientHelloSpec build() {
            return new ClientHelloSpec(recordVersion, clientVersion, random != null ? random : freshRandom(),
                    sessionId, cipherSuites,
                    compressionMethods, serverName, supportedGroups, ecPointFormats, signatureAlgorithms,
                    supportedVersions, keyShares, pskKeyExchangeModes, renegotiationInfo, alpn,
                    extendedMasterSecret, sessionTicket, statusRequest, extraExtensions, padding, sslV2CipherKinds);
        }
    }
}
