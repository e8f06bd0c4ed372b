package io.tlsweep.targets.cert;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated key pairs memoised per (key type, role) so that farms started again in the same JVM do
 * not pay for RSA key generation again. The single shared instance is a cache of immutable values:
 * the only process-wide state of the module, and it never changes a value once computed.
 */
public final class KeyPairCache {

    private static final KeyPairCache SHARED = new KeyPairCache();

    private final Map<String, KeyPair> pairs = new ConcurrentHashMap<>();

    /** A fresh, empty cache (tests that want their own keys). */
    public KeyPairCache() {
    }

    /** The process-wide cache. */
    public static KeyPairCache shared() {
        return SHARED;
    }

    /** The key pair of this type for this role ({@code "ca"}, {@code "leaf"}, ...), generated once. */
    public KeyPair get(KeyType type, String role) {
        return pairs.computeIfAbsent(type + "/" + role, k -> generate(type));
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type.algorithm());
            if (type.isEc()) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(type.bits());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate " + type + " key", e);
        }
    }
}
