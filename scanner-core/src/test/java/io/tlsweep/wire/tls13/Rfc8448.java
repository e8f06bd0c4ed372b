package io.tlsweep.wire.tls13;

import io.tlsweep.wire.Hex;
import io.tlsweep.wire.NamedGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The RFC 8448 §3 "Simple 1-RTT Handshake" vectors in {@code src/test/resources/rfc8448} (see the README there). */
public final class Rfc8448 {
    public static final byte[] CLIENT_HELLO = load("simple-1rtt.client.hex");
    public static final byte[] SERVER = load("simple-1rtt.server.hex");
    public static final byte[] SERVER_HANDSHAKE_TRAFFIC_SECRET = load("simple-1rtt.server-handshake-traffic-secret.hex");
    public static final byte[] CLIENT_PRIVATE = load("simple-1rtt.client-x25519-private.hex");
    /** The client's x25519 share, as its ClientHello carries it. */
    public static final byte[] CLIENT_PUBLIC = Hex.parse("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    /** The ServerHello record's length: the encrypted flight starts here. */
    public static final int SERVER_HELLO_RECORD = 5 + 0x5a;

    private Rfc8448() {
    }

    /** The client's private key, given only for the share the RFC's ClientHello carries. */
    public static FlightReader.PrivateKeys keys() {
        return (group, publicValue) -> group.equals(NamedGroup.X25519) && Arrays.equals(publicValue, CLIENT_PUBLIC)
                ? Optional.of(privateKey()) : Optional.empty();
    }

    static PrivateKey privateKey() {
        try {
            return KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                    CLIENT_PRIVATE));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] load(String file) {
        try (InputStream in = Rfc8448.class.getResourceAsStream("/rfc8448/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Hex.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
