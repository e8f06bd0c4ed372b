package io.tlsweep.targets;

import java.util.Objects;

/**
 * A scripted SQL Server front ([MS-TDS]): it reads the client's PRELOGIN (packet type 0x12) and answers with a
 * PRELOGIN response (type 0x04) giving {@code version} and {@code encryption}; then, as SQL Server decides from
 * the client's ENCRYPTION and its own ([MS-TDS] 2.2.6.5: no TLS when either says NOT_SUP, the connection closed
 * when only the server does), a real stack's TLS ({@link #tls()}) whose handshake records travel in TDS packets of
 * type 0x12 in both directions, and bare TLS records after the handshake. Over TLS (or in the clear when there
 * is none) it answers a LOGIN7 with a LOGINACK and DONE (any user, any password) and every later request with
 * DONE, so a real client such as FreeTDS logs in. When both sides said OFF, TLS carries the LOGIN7 only, as
 * SQL Server does. With {@code strict} SERVED, it also serves TDS 8.0 strict encryption as SQL Server 2022 does:
 * a connection whose first byte is 0x16 (a TLS handshake record, where a PRELOGIN packet starts with 0x12) gets
 * {@code tls} at once, selecting the ALPN protocol {@code tds/8.0} when the client offers it, and PRELOGIN, LOGIN7
 * and the rest inside it; NOT_SERVED closes such a connection, as older SQL Servers do; ONLY serves it and closes
 * a connection that starts with anything else (SQL Server 2022's Force Strict Encryption).
 *
 * <p>What a scanner should find is what {@code tls} serves, through the PRELOGIN prelude; unless
 * {@code encryption} is NOT_SUP, when it should find TLS not offered.
 *
 * @param major the VERSION's major number (11 is SQL Server 2012)
 * @param minor its minor number
 * @param build its build number
 * @param encryption the server's ENCRYPTION setting, sent as its answer
 * @param tls the TLS served after PRELOGIN, on the same address
 * @param strict whether TDS 8.0 strict encryption (TLS from the first byte) is served, too or only
 */
public record TdsTargetSpec(String name, String bindAddress, int major, int minor, int build, Encryption encryption,
        TlsTargetSpec tls, Strict strict) implements TargetSpec {
    /** The ALPN protocol of TDS 8.0 strict encryption. */
    public static final String STRICT_ALPN = "tds/8.0";

    /** TDS 8.0 strict encryption: not served, served beside PRELOGIN in the clear, or the only way in. */
    public enum Strict {
        NOT_SERVED, SERVED, ONLY
    }

    /** PRELOGIN's ENCRYPTION values. */
    public enum Encryption {
        OFF(0), ON(1), NOT_SUP(2), REQ(3);

        private final int value;

        Encryption(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    public TdsTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(strict, "strict");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (major < 0 || major > 255 || minor < 0 || minor > 255 || build < 0 || build > 0xFFFF) {
            throw new IllegalArgumentException(name + ": a version is two bytes and a u16: " + major + "." + minor
                    + "." + build);
        }
        if (tls.requiredServerName().isPresent()) {
            throw new IllegalArgumentException(name + ": the TDS front serves TLS without an SNI requirement");
        }
        if (!tls.bindAddress().equals(bindAddress)) {
            throw new IllegalArgumentException(name + ": the TLS spec binds " + tls.bindAddress() + ", the TDS front "
                    + bindAddress + ": one address for both");
        }
    }

    /** A front without TDS 8.0 strict encryption. */
    public TdsTargetSpec(String name, String bindAddress, int major, int minor, int build, Encryption encryption,
            TlsTargetSpec tls) {
        this(name, bindAddress, major, minor, build, encryption, tls, Strict.NOT_SERVED);
    }

    /**
     * A TDS front on {@code tls}'s address, answering VERSION {@code major.minor.build} and {@code encryption}, without
     * TDS 8.0 strict encryption.
     */
    public static TdsTargetSpec of(String name, int major, int minor, int build, Encryption encryption,
            TlsTargetSpec tls) {
        return new TdsTargetSpec(name, tls.bindAddress(), major, minor, build, encryption, tls, Strict.NOT_SERVED);
    }

    /** This front, also serving TDS 8.0 strict encryption (SQL Server 2022). */
    public TdsTargetSpec servingStrict() {
        return new TdsTargetSpec(name, bindAddress, major, minor, build, encryption, tls, Strict.SERVED);
    }

    /** This front, serving TDS 8.0 strict encryption only (SQL Server 2022 with Force Strict Encryption). */
    public TdsTargetSpec strictOnly() {
        return new TdsTargetSpec(name, bindAddress, major, minor, build, encryption, tls, Strict.ONLY);
    }
}
