package io.tlsweep.check;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * The five encrypted premaster secrets of ROBOT (Böck, Somorovsky and Young, "Return Of Bleichenbacher's Oracle
 * Threat", USENIX Security 2018, and the reference scanner that came with it): PKCS#1 v1.5 blocks (RFC 8017 §7.2.1,
 * as RFC 5246 §7.4.7.1 uses them) built as that scanner builds them, then encrypted with the server's public key by
 * raw modular exponentiation, so malformed blocks can be sent too. Pure.
 *
 * <p>Every block is as long as the modulus, {@code k} bytes: two leading bytes, {@code k - 51} bytes of non-zero
 * padding (0xAB 0xCD repeated), then 49 more bytes laid out per variant. The premaster secret's 46 random bytes are
 * fixed ({@link #SECRET}): nothing is ever derived from it (the Finished that follows is garbage), and fixed bytes
 * make every ClientKeyExchange depend on the key alone, so the tests compare them with an independent encryption.
 */
public enum RobotVariant {
    /** 0x00 0x02, padding, 0x00, the ClientHello's version, 46 bytes: what a client sends. */
    CORRECT("correct", "correctly formatted"),
    /** 0x41 0x17 instead of 0x00 0x02: not PKCS#1 v1.5 at all. */
    WRONG_FIRST_BYTES("wrong-first-bytes", "wrong first two bytes (0x41 0x17)"),
    /**
     * 0x00 0x02 and padding, but the 0x00 separator two bytes from the end (as the reference scanner places it): the
     * padding is valid, the message one byte long instead of 48.
     */
    MISPLACED_ZERO("misplaced-zero", "0x00 in the wrong position"),
    /** 0x00 0x02 and padding without any 0x00 separator. */
    NO_ZERO("no-zero", "no 0x00 separator"),
    /** Correctly formatted with TLS version 0x02 0x02 in the premaster secret instead of the ClientHello's. */
    WRONG_VERSION("wrong-version", "wrong TLS version (0x02 0x02)");

    /** The bytes of a premaster secret after its version. */
    static final int SECRET_RANDOM = 46;
    /** The premaster secret's 46 bytes after its version (the reference scanner's). */
    static final byte[] SECRET = secret();
    /** The smallest modulus a block fits in with RFC 8017's eight bytes of padding at least: 8 + 51. */
    public static final int MIN_MODULUS_BYTES = 59;
    private static final int TAIL = 3 + SECRET_RANDOM;

    private final String label;
    private final String description;

    RobotVariant(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Its name in the result line: "wrong-first-bytes". */
    public String label() {
        return label;
    }

    /** In words, for reasons: "wrong first two bytes (0x41 0x17)". */
    public String description() {
        return description;
    }

    /** The variant of {@code label}, if one has it. */
    public static Optional<RobotVariant> of(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }

    /**
     * The unencrypted block, {@code modulusBytes} long.
     *
     * @param clientVersion the version of the ClientHello (RFC 5246 §7.4.7.1: client_version, not the negotiated)
     * @throws IllegalArgumentException when the modulus is shorter than {@link #MIN_MODULUS_BYTES}
     */
    public byte[] block(int modulusBytes, int clientVersion) {
        if (modulusBytes < MIN_MODULUS_BYTES) {
            throw new IllegalArgumentException("a " + modulusBytes + "-byte modulus has no room for a block");
        }
        byte[] b = new byte[modulusBytes];
        b[0] = (byte) (this == WRONG_FIRST_BYTES ? 0x41 : 0x00);
        b[1] = (byte) (this == WRONG_FIRST_BYTES ? 0x17 : 0x02);
        int padEnd = modulusBytes - TAIL;
        for (int i = 2; i < padEnd; i++) {
            b[i] = (byte) (i % 2 == 0 ? 0xAB : 0xCD);
        }
        byte hi = (byte) (clientVersion >> 8);
        byte lo = (byte) clientVersion;
        switch (this) {
            case CORRECT, WRONG_FIRST_BYTES -> fill(b, padEnd, (byte) 0x00, hi, lo);
            case WRONG_VERSION -> fill(b, padEnd, (byte) 0x00, (byte) 0x02, (byte) 0x02);
            case NO_ZERO -> fill(b, padEnd, (byte) 0x11, (byte) 0x11, (byte) 0x11);
            case MISPLACED_ZERO -> {
                b[padEnd] = 0x11;
                System.arraycopy(SECRET, 0, b, padEnd + 1, SECRET_RANDOM);
                b[modulusBytes - 2] = 0x00;
                b[modulusBytes - 1] = 0x11;
            }
            default -> throw new AssertionError(this);
        }
        return b;
    }

    private static void fill(byte[] b, int at, byte separator, byte hi, byte lo) {
        b[at] = separator;
        b[at + 1] = hi;
        b[at + 2] = lo;
        System.arraycopy(SECRET, 0, b, at + 3, SECRET_RANDOM);
    }

    /**
     * The block encrypted with the public key ({@code modulus}, {@code exponent}): {@code m^e mod n}, as many bytes
     * as the modulus, big-endian (RFC 8017 §5.1.1 without its range check, which a malformed block may fail).
     */
    public byte[] encrypted(BigInteger modulus, BigInteger exponent, int clientVersion) {
        int k = modulusBytes(modulus);
        return fixedLength(new BigInteger(1, block(k, clientVersion)).modPow(exponent, modulus), k);
    }

    /** The length of {@code modulus} in bytes, as RFC 8017 counts it. */
    public static int modulusBytes(BigInteger modulus) {
        return (modulus.bitLength() + 7) / 8;
    }

    /** {@code value} as exactly {@code length} big-endian bytes (it must fit). */
    static byte[] fixedLength(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static byte[] secret() {
        byte[] s = new byte[SECRET_RANDOM];
        s[0] = (byte) 0xAA;
        byte[] cycle = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, (byte) 0x99};
        for (int i = 1; i < SECRET_RANDOM; i++) {
            s[i] = cycle[(i - 1) % cycle.length];
        }
        return s;
    }
}
