package io.tlsweep.input;

/**
 * Which endpoint a target or a result line is about, as one 64-bit key: the host connected to (a name
 * lower-cased without its trailing dot, or an IP literal in canonical form), the port, the SNI name sent
 * (lower-cased; none and the empty name are the same) and the protocol spoken ({@value #TLS}: TLS from the
 * first byte; a protocol that starts TLS later has its own name, {@link Target#prelude()}: an SMTP server's
 * STARTTLS on port 25 and TLS from the first byte on that port are two endpoints). Neither the line nor the
 * file a target came from counts, nor how it was written: {@code Example.COM} and {@code example.com.:443} are
 * one endpoint, and editing the input never changes a key. Resume, the de-duplication of a run's input and the
 * reports use it.
 *
 * <p>An IPv4 literal without SNI over {@value #TLS} (the bulk of a CIDR sweep) is encoded exactly:
 * {@code port << 32 | address}, top bit clear, so two of them never collide. Anything else is a 63-bit hash
 * with the top bit set (64-bit FNV-1a of the parts, then murmur3's fmix64): two endpoints collide with
 * probability about n²/2^64 among n of them (5e-8 at a million), and would then count as one.
 */
public final class EndpointIdentity {
    /** TLS from the first byte. */
    public static final String TLS = "tls";

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SEPARATOR = 0x100;

    private EndpointIdentity() {
    }

    public static long key(Target t) {
        return key(t.host(), t.port(), t.sni().orElse(null), t.prelude().orElse(TLS));
    }

    /**
     * @param host     a host name or a canonical IP literal (no brackets), as {@link Target#host()} holds it
     * @param sni      the name sent, or null (or empty) for none
     * @param protocol null for {@value #TLS}
     */
    public static long key(String host, int port, String sni, String protocol) {
        String proto = protocol == null ? TLS : protocol;
        boolean noSni = sni == null || sni.isEmpty();
        if (noSni && TLS.equals(proto)) {
            long ipv4 = canonicalIpv4(host);
            if (ipv4 >= 0) {
                return (long) (port & 0xffff) << 32 | ipv4;
            }
        }
        long h = FNV_OFFSET;
        h = mix(h, host == null ? "" : host, true);
        h = (h ^ SEPARATOR) * FNV_PRIME;
        h = mix(h, Integer.toString(port), false);
        h = (h ^ SEPARATOR) * FNV_PRIME;
        h = mix(h, noSni ? "" : sni, true);
        h = (h ^ SEPARATOR) * FNV_PRIME;
        h = mix(h, proto, false);
        return fmix64(h) | Long.MIN_VALUE;
    }

    /** Adds a name's characters, lower-cased and without one trailing dot when {@code name} says so. */
    private static long mix(long h, String text, boolean name) {
        int end = name && text.endsWith(".") ? text.length() - 1 : text.length();
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (name && c >= 'A' && c <= 'Z') {
                c += 32;
            }
            h = (h ^ (c & 0xff)) * FNV_PRIME;
            if (c > 0xff) {
                h = (h ^ (c >>> 8)) * FNV_PRIME;
            }
        }
        return h;
    }

    /** The 32-bit value of a canonical dotted quad ({@code 192.0.2.1}), or -1 for anything else. */
    static long canonicalIpv4(String host) {
        if (host == null || host.isEmpty() || host.length() > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int i = 0;
        while (i < host.length()) {
            int start = i;
            int octet = 0;
            while (i < host.length() && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
                octet = octet * 10 + host.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || digits > 1 && host.charAt(start) == '0') {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < host.length()) {
                if (host.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == host.length()) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value : -1;
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the key (also the shard hash's). */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
