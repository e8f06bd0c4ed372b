package io.tlsweep.text;

import java.util.Arrays;

/**
 * The one reader and writer of IP address text in tlsweep: target lines and exclusions, the engine's "literal or
 * name?" before it connects, and the certificate name check. Text in, the 4 or 16 address bytes out (the engine
 * makes them an {@code InetAddress} with {@code getByAddress}); no {@code java.net}, since
 * {@code InetAddress.getByName} resolves whatever is not a literal.
 *
 * <p>One syntax for every caller, RFC 3986 section 3.2.2's (the form a URL host has):
 * <ul>
 * <li>IPv4 is the dotted quad: four decimal octets 0-255 without leading zeros ({@code 010} is 8 to
 * {@code inet_aton} and 10 to others, so it is refused rather than guessed); no {@code 127.1}, no hex.</li>
 * <li>IPv6 is RFC 4291 text (groups of 1-4 hex digits in either case, one {@code ::}, a trailing dotted quad), bare
 * or in brackets ({@code [2001:db8::1]}). A zone id ({@code fe80::1%eth0}) is refused: it means something on one
 * machine only, and no certificate holds one.</li>
 * <li>Text is meant as a literal when it holds a {@code :} or starts with {@code [} (no host name does) or its last
 * label is all digits (no top-level domain is numeric): such text is an address or {@link Malformed}, never a
 * name, so {@code host.123} is no host and {@code 1.2.3.4.} no DNS name.</li>
 * </ul>
 * An IPv4-mapped address ({@code ::ffff:192.0.2.1}) stays 16 bytes here; whether it counts as its IPv4 address is
 * the caller's policy (the scope judges it as IPv4, a certificate's 4-byte iPAddress does not match it). Text out
 * is RFC 5952: lower case, the longest run of two or more zero groups (the first of equal runs) as {@code ::},
 * {@code ::ffff:192.0.2.1} for a mapped address.
 */
public final class IpLiteral {

    /** What reading text gave: an {@link Address}, a {@link Malformed} literal, or {@link NotLiteral} text. */
    public sealed interface Parsed permits Address, Malformed, NotLiteral {
    }

    /**
     * An address: 4 bytes for IPv4, 16 for IPv6, in network order; equal when the bytes are. The array is the
     * one the parser made for this caller, not a copy.
     */
    public record Address(byte[] bytes) implements Parsed {
        public Address {
            if (bytes.length != 4 && bytes.length != 16) {
                throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && Arrays.equals(bytes, a.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return format(bytes);
        }
    }

    /** Text meant as a literal that is not a valid one; {@code why} quotes it and names what is wrong. */
    public record Malformed(String why) implements Parsed {
    }

    /** Text not meant as a literal: a host name, or text that is neither. */
    public record NotLiteral() implements Parsed {
    }

    private static final NotLiteral NOT_LITERAL = new NotLiteral();

    private IpLiteral() {
    }

    /** Reads IPv4, IPv6 or bracketed IPv6 text, choosing by the rule above. */
    public static Parsed parse(String text) {
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                return new Malformed("missing ']' after IPv6 address in '" + text + "'");
            }
            String inside = text.substring(1, text.length() - 1);
            return inside.indexOf(':') < 0 ? new Malformed("brackets are for IPv6 addresses only, not '" + inside
                    + "'") : parseIpv6(inside);
        }
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return looksLikeIpv4(text) ? parseIpv4(text) : NOT_LITERAL;
    }

    /**
     * Whether a host is meant as an IPv4 address: its last label (before any trailing dot) is all digits,
     * which no host name can have (no top-level domain is numeric).
     */
    public static boolean looksLikeIpv4(String host) {
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        int start = host.lastIndexOf('.', end - 1) + 1;
        return start < end && allDigits(host, start, end);
    }

    /** Reads a dotted quad; an {@link Address} or {@link Malformed}, never a name. */
    public static Parsed parseIpv4(String text) {
        String[] octets = text.split("\\.", -1);
        for (String octet : octets) {
            if (!allDigits(octet, 0, octet.length())) {
                return new Malformed("'" + text + "' is neither an IPv4 address nor a host name"
                        + " (a host name cannot end in an all-digit label)");
            }
        }
        if (octets.length != 4) {
            return new Malformed("bad IPv4 address '" + text + "' (expected four octets a.b.c.d)");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty()) {
                return new Malformed("bad IPv4 address '" + text + "': empty octet");
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                return new Malformed("bad IPv4 address '" + text + "': octet '" + octet
                        + "' has a leading zero (octal or decimal?)");
            }
            int value = octet.length() > 3 ? 256 : Integer.parseInt(octet);
            if (value > 255) {
                return new Malformed("bad IPv4 address '" + text + "': octet " + octet + " out of range (0-255)");
            }
            address[i] = (byte) value;
        }
        return new Address(address);
    }

    /** Reads IPv6 text without brackets or prefix; an {@link Address} or {@link Malformed}, never a name. */
    public static Parsed parseIpv6(String text) {
        int zone = text.indexOf('%');
        if (zone >= 0) {
            return new Malformed("IPv6 zone id '" + text.substring(zone)
                    + "' not supported (use a global or unique-local address)");
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return badIpv6(text, "'::' may appear only once");
        }
        Ipv6Groups head = Ipv6Groups.read(gap >= 0 ? text.substring(0, gap) : text, gap < 0);
        Ipv6Groups tail = head.why != null ? head : Ipv6Groups.read(gap >= 0 ? text.substring(gap + 2) : "", true);
        if (tail.why != null) {
            return badIpv6(text, tail.why);
        }
        int count = head.values.length + tail.values.length;
        if (gap < 0 && count != 8) {
            return badIpv6(text, "expected 8 groups or '::'");
        }
        if (gap >= 0 && count > 7) {
            return badIpv6(text, "too many groups");
        }
        byte[] address = new byte[16];
        head.put(address, 0);
        tail.put(address, 8 - tail.values.length);
        return new Address(address);
    }

    private static Malformed badIpv6(String text, String why) {
        return new Malformed("bad IPv6 address '" + text + "' (" + why + ")");
    }

    /** The 16-bit groups of one side of {@code ::} (a trailing dotted quad gives two), or why they are bad. */
    private record Ipv6Groups(int[] values, String why) {

        static Ipv6Groups read(String part, boolean mayEndInIpv4) {
            if (part.isEmpty()) {
                return new Ipv6Groups(new int[0], null);
            }
            String[] pieces = part.split(":", -1);
            boolean ipv4 = mayEndInIpv4 && pieces[pieces.length - 1].indexOf('.') >= 0;
            int[] values = new int[pieces.length + (ipv4 ? 1 : 0)];
            for (int i = 0; i < pieces.length - (ipv4 ? 1 : 0); i++) {
                String why = hexGroupProblem(pieces[i]);
                if (why != null) {
                    return new Ipv6Groups(null, why);
                }
                values[i] = Integer.parseInt(pieces[i], 16);
            }
            if (ipv4) {
                String quad = pieces[pieces.length - 1];
                if (!(parseIpv4(quad) instanceof Address v4)) {
                    return new Ipv6Groups(null, "bad embedded IPv4 part '" + quad + "'");
                }
                byte[] b = v4.bytes();
                values[values.length - 2] = (b[0] & 0xff) << 8 | (b[1] & 0xff);
                values[values.length - 1] = (b[2] & 0xff) << 8 | (b[3] & 0xff);
            }
            return new Ipv6Groups(values, null);
        }

        private static String hexGroupProblem(String piece) {
            if (piece.indexOf('.') >= 0) {
                return "an IPv4 part like '" + piece + "' may only come last";
            }
            if (piece.isEmpty() || piece.length() > 4) {
                return piece.isEmpty() ? "empty group" : "group '" + piece + "' longer than 4 digits";
            }
            for (int i = 0; i < piece.length(); i++) {
                if (Character.digit(piece.charAt(i), 16) < 0 || piece.charAt(i) > 'f') {
                    return "'" + piece + "' is not a hex group";
                }
            }
            return null;
        }

        void put(byte[] address, int firstGroup) {
            for (int i = 0; i < values.length; i++) {
                address[2 * (firstGroup + i)] = (byte) (values[i] >> 8);
                address[2 * (firstGroup + i) + 1] = (byte) values[i];
            }
        }
    }

    /** Dotted quad for 4 bytes, RFC 5952 text for 16. */
    public static String format(byte[] address) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + address.length);
        }
        return address.length == 4 ? dotted(address, 0) : formatIpv6(address);
    }

    private static String dotted(byte[] a, int from) {
        return (a[from] & 0xff) + "." + (a[from + 1] & 0xff) + "." + (a[from + 2] & 0xff) + "." + (a[from + 3] & 0xff);
    }

    private static String formatIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + dotted(a, 12);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(g[i]));
        }
        return out.toString();
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
