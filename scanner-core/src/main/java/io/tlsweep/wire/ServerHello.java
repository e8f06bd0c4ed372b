package io.tlsweep.wire;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A ServerHello and, for TLS ≤ 1.2, what followed it in the server's first flight.
 *
 * @param legacyVersion the version field of the ServerHello itself
 * @param version the negotiated version: from supported_versions when present, else {@code legacyVersion}
 * @param keyShareGroup the group of the server's key_share (TLS 1.3)
 * @param secureRenegotiation whether the renegotiation_info extension came back (RFC 5746)
 * @param warnings warning-level alerts the server sent before or around the ServerHello
 * @param flight certificate, key exchange and the rest of the first flight (TLS ≤ 1.2; for TLS 1.3, once the
 *     engine read the encrypted flight with its own key share, the chain and what the flight showed)
 */
public record ServerHello(
        ProtocolVersion legacyVersion,
        ProtocolVersion version,
        byte[] random,
        byte[] sessionId,
        CipherSuite cipherSuite,
        int compressionMethod,
        List<Extension> extensions,
        Optional<NamedGroup> keyShareGroup,
        boolean secureRenegotiation,
        Optional<String> alpn,
        List<AlertDescription> warnings,
        FirstFlight flight) implements ServerResponse {

    private static final byte[] DOWNGRADE_PREFIX = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

    public ServerHello {
        random = random.clone();
        sessionId = sessionId.clone();
        extensions = List.copyOf(extensions);
        warnings = List.copyOf(warnings);
    }

    @Override
    public byte[] random() {
        return random.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public Optional<Extension> extension(ExtensionType type) {
        return extensions.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /**
     * The TLS 1.3 downgrade sentinel in the last 8 bytes of the random (RFC 8446 §4.1.3): TLS 1.2 when the
     * server would have spoken TLS 1.3 but negotiated 1.2, TLS 1.1 for "1.1 or below".
     */
    public Optional<ProtocolVersion> downgradeSentinel() {
        if (!Arrays.equals(random, 24, 31, DOWNGRADE_PREFIX, 0, 7)) {
            return Optional.empty();
        }
        return switch (random[31]) {
            case 1 -> Optional.of(ProtocolVersion.TLSv1_2);
            case 0 -> Optional.of(ProtocolVersion.TLSv1_1);
            default -> Optional.empty();
        };
    }

    /**
     * This TLS 1.3 ServerHello with what its encrypted flight showed: the chain (DER, leaf first, as sent) and the
     * rest ({@link io.tlsweep.wire.tls13.FlightReader} reads both).
     */
    public ServerHello withEncryptedFlight(List<byte[]> chain, EncryptedFlight encrypted) {
        return withFlight(new FirstFlight(chain, Optional.empty(), false, encrypted.certificateRequested(),
                flight.complete(), flight.endingAlert(), Optional.empty(), Optional.of(encrypted)), warnings);
    }

    ServerHello withFlight(FirstFlight f, List<AlertDescription> w) {
        return new ServerHello(legacyVersion, version, random, sessionId, cipherSuite, compressionMethod,
                extensions, keyShareGroup, secureRenegotiation, alpn, w, f);
    }

    /**
     * The TLS ≤ 1.2 messages after the ServerHello. {@code complete} is true once ServerHelloDone (or a
     * ChangeCipherSpec, for a resumed session, or the encrypted TLS 1.3 flight) was reached;
     * {@code endingAlert} holds a fatal alert or close_notify that cut the flight short. For TLS 1.3,
     * {@code encrypted} says what the encrypted flight showed once read (the chain is in {@code certificates});
     * empty when it was not read.
     *
     * @param keyExchangeSignature the scheme a TLS 1.2 ServerKeyExchange of ECDHE or DHE parameters was signed
     *     with (its SignatureAndHashAlgorithm); empty before TLS 1.2, without one, or for a shape not read
     */
    public record FirstFlight(
            List<byte[]> certificates,
            Optional<KeyExchangeParams> keyExchange,
            boolean ocspStapled,
            boolean certificateRequested,
            boolean complete,
            Optional<ServerResponse.Alert> endingAlert,
            Optional<SignatureScheme> keyExchangeSignature,
            Optional<EncryptedFlight> encrypted) {

        public static final FirstFlight NONE = new FirstFlight(List.of(), Optional.empty(), false, false, false,
                Optional.empty());

        public FirstFlight {
            certificates = certificates.stream().map(byte[]::clone).toList();
            java.util.Objects.requireNonNull(keyExchangeSignature, "keyExchangeSignature");
            java.util.Objects.requireNonNull(encrypted, "encrypted");
        }

        /** A flight in the clear (TLS ≤ 1.2) whose ServerKeyExchange signature scheme is not known. */
        public FirstFlight(List<byte[]> certificates, Optional<KeyExchangeParams> keyExchange, boolean ocspStapled,
                boolean certificateRequested, boolean complete, Optional<ServerResponse.Alert> endingAlert) {
            this(certificates, keyExchange, ocspStapled, certificateRequested, complete, endingAlert,
                    Optional.empty(), Optional.empty());
        }

        @Override
        public List<byte[]> certificates() {
            return certificates.stream().map(byte[]::clone).toList();
        }
    }
}
