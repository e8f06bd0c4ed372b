package io.tlsweep.input;

import io.tlsweep.text.IpLiteral;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which addresses a run may connect to. Checked by the engine before every connect, on the address itself
 * (an IP literal, or what a name resolved to), so nothing outside the scope is ever sent a packet.
 *
 * <p>Never connected to, whatever the input says (there is no TLS server behind them, and a SYN to some of
 * them reaches many hosts or none): the unspecified and "this network" addresses 0.0.0.0/8 and ::,
 * multicast 224.0.0.0/4 and ff00::/8, the limited broadcast 255.255.255.255 and the reserved 240.0.0.0/4.
 * IPv4-mapped IPv6 addresses ({@code ::ffff:224.0.0.1}) are judged as the IPv4 address they carry. Loopback,
 * private and link-local addresses are allowed. On top of these, the user's exclusions: addresses and CIDR
 * ranges ({@link ScopeRules}). Lookups cost one hash probe per prefix length in use, whatever the number of
 * exclusions.
 */
public final class Scope {
    private static final List<Rule> NEVER = List.of(
            fixed("0.0.0.0/8", "an unspecified (\"this network\") address, 0.0.0.0/8 (RFC 1122: never a"
                    + " destination)"),
            fixed("::/128", "the unspecified address ::"),
            fixed("224.0.0.0/4", "a multicast address (224.0.0.0/4)"),
            fixed("ff00::/8", "a multicast address (ff00::/8)"),
            fixed("255.255.255.255/32", "the limited broadcast address 255.255.255.255"),
            fixed("240.0.0.0/4", "a reserved address (240.0.0.0/4)"));

    /** The fixed rules alone. */
    public static final Scope DEFAULT = new Scope(List.of());

    private final Table never = new Table();
    private final Table excluded = new Table();
    private final int exclusions;

    /** The fixed rules and {@code exclusions}. */
    Scope(List<Rule> exclusions) {
        NEVER.forEach(never::put);
        exclusions.forEach(excluded::put);
        this.exclusions = exclusions.size();
    }

    /**
     * Why tlsweep must not connect to {@code address} (4 or 16 bytes), in words for the result line; empty when
     * it may.
     */
    public Optional<String> refusal(byte[] address) {
        byte[] a = unmapped(address);
        Rule rule = never.match(a);
        if (rule != null) {
            return Optional.of(rule.why() + ", never connected to");
        }
        rule = excluded.match(a);
        return rule == null ? Optional.empty() : Optional.of("excluded by " + rule.why());
    }

    /** How many exclusions the user gave. */
    public int exclusions() {
        return exclusions;
    }

    /** ::ffff:a.b.c.d as a.b.c.d; anything else as it is. */
    private static byte[] unmapped(byte[] a) {
        if (a.length != 16) {
            return a;
        }
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return a;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return a;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    private static Rule fixed(String cidr, String why) {
        try {
            return Rule.parse(cidr, why);
        } catch (BadTargetException e) {
            throw new IllegalStateException("bad built-in rule " + cidr, e);
        }
    }

    /**
     * One block: its network bits (the address as a 128-bit number, IPv4 in the low 32) cut at the prefix,
     * and what to say about an address in it.
     */
    record Rule(boolean ipv4, long high, long low, int prefix, String why) {

        static Rule parse(String cidr, String why) throws BadTargetException {
            int slash = cidr.indexOf('/');
            String text = slash < 0 ? cidr : cidr.substring(0, slash);
            byte[] address = EndpointParser.bytes(IpLiteral.looksLikeIpv4(text) ? IpLiteral.parseIpv4(text)
                    : parseIpv6(text));
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = cidr.substring(slash + 1);
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Integer.parseInt(p) > bits) {
                    throw new BadTargetException("bad prefix '/" + p + "' in '" + cidr + "' (0-" + bits + ")");
                }
                prefix = Integer.parseInt(p);
            }
            return of(unmapped(address), prefix - (address.length == 16 && unmapped(address).length == 4 ? 96 : 0),
                    why);
        }

        private static IpLiteral.Parsed parseIpv6(String text) throws BadTargetException {
            String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            if (bare.indexOf(':') < 0) {
                throw new BadTargetException("'" + text + "' is not an IP address or CIDR range (names are not"
                        + " excluded: give their addresses)");
            }
            return IpLiteral.parseIpv6(bare);
        }

        static Rule of(byte[] address, int prefix, String why) {
            if (prefix < 0) {
                // an IPv4-mapped range shorter than /96 reaches beyond IPv4: keep it as the whole of IPv4
                prefix = 0;
            }
            long[] value = value(address);
            long[] masked = mask(value[0], value[1], address.length == 4, prefix);
            return new Rule(address.length == 4, masked[0], masked[1], prefix, why);
        }

        static long[] value(byte[] a) {
            long high = 0;
            long low = 0;
            if (a.length == 4) {
                low = (a[0] & 0xffL) << 24 | (a[1] & 0xffL) << 16 | (a[2] & 0xffL) << 8 | (a[3] & 0xffL);
            } else {
                for (int i = 0; i < 8; i++) {
                    high = high << 8 | (a[i] & 0xffL);
                    low = low << 8 | (a[8 + i] & 0xffL);
                }
            }
            return new long[] {high, low};
        }

        /** The value with every bit past {@code prefix} cleared ({@code prefix} counts from the family's top bit). */
        static long[] mask(long high, long low, boolean ipv4, int prefix) {
            if (ipv4) {
                return new long[] {0, prefix == 0 ? 0 : low & (0xffffffffL << (32 - prefix)) & 0xffffffffL};
            }
            if (prefix <= 64) {
                return new long[] {prefix == 0 ? 0 : high & (-1L << (64 - prefix)), 0};
            }
            return new long[] {high, low & (-1L << (128 - prefix))};
        }
    }

    /** Rules by family and prefix length, longest first; a lookup probes each length in use once. */
    private static final class Table {
        private record Key(boolean ipv4, long high, long low) {
        }

        private final TreeMap<Integer, Map<Key, Rule>> ipv4 = new TreeMap<>(java.util.Comparator.reverseOrder());
        private final TreeMap<Integer, Map<Key, Rule>> ipv6 = new TreeMap<>(java.util.Comparator.reverseOrder());

        void put(Rule r) {
            (r.ipv4() ? ipv4 : ipv6).computeIfAbsent(r.prefix(), p -> new HashMap<>())
                    .putIfAbsent(new Key(r.ipv4(), r.high(), r.low()), r);
        }

        Rule match(byte[] address) {
            boolean v4 = address.length == 4;
            long[] value = Rule.value(address);
            for (Map.Entry<Integer, Map<Key, Rule>> e : (v4 ? ipv4 : ipv6).entrySet()) {
                long[] m = Rule.mask(value[0], value[1], v4, e.getKey());
                Rule r = e.getValue().get(new Key(v4, m[0], m[1]));
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
    }

}
