package io.tlsweep.targets.suite;

import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.cert.KeyType;

/**
 * One cipher suite the farm knows: IANA code and name, key exchange, and the oldest version that
 * can carry it (AEAD and SHA-256/384 MAC suites need TLS 1.2; TLS 1.3 suites only TLS 1.3).
 */
public record SuiteInfo(int code, String ianaName, KeyExchange keyExchange, TlsVersion minVersion) {

    /** Whether a handshake at {@code version} can negotiate this suite at all. */
    public boolean usableAt(TlsVersion version) {
        if (keyExchange == KeyExchange.TLS13) {
            return version == TlsVersion.TLS1_3;
        }
        return version != TlsVersion.TLS1_3 && version.compareTo(minVersion) >= 0;
    }

    /** Whether a server with a certificate of this key type can negotiate this suite. */
    public boolean usableWith(KeyType keyType) {
        return keyExchange.worksWith(keyType);
    }

    /** The two-byte code as {@code 0xC02F}. */
    public String hexCode() {
        return String.format("0x%04X", code);
    }
}
