package io.tlsweep.input;

/**
 * Strict IPv4 and IPv6 literal parsing and canonical formatting, written here so that telling a literal
 * from a name never goes near a resolver ({@code InetAddress.getByName} resolves names).
 *
 * <p>IPv4 is the dotted quad only: four decimal octets 0-255 without leading zeros ({@code 010} could be
 * read as octal, so it is refused rather than guessed). IPv6 is RFC 4291 text (hex groups, one {@code ::},
 * a trailing dotted quad), formatted back per RFC 5952 (lower case, longest zero run compressed,
 * {@code ::ffff:192.0.2.1} for IPv4-mapped addresses).
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * Whether a host is meant as an IPv4 address: its last label (before any trailing dot) is all digits,
     * which no host name can have (no top-level domain is numeric).
     */
    static boolean looksLikeIpv4(String host) {
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        int start = host.lastIndexOf('.', end - 1) + 1;
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            if (!isDigit(host.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static byte[] parseIpv4(String text) throws BadTargetException {
        String[] octets = text.split("\\.", -1);
        for (String octet : octets) {
            if (!octet.chars().allMatch(IpLiteral::isDigit)) {
                throw new BadTargetException("'" + text + "' is neither an IPv4 address nor a host name"
                        + " (a host name cannot end in an all-digit label)");
            }
        }
        if (octets.length != 4) {
            throw new BadTargetException("bad IPv4 address '" + text + "' (expected four octets a.b.c.d)");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            String octet = octets[i];
            if (octet.isEmpty()) {
                throw new BadTargetException("bad IPv4 address '" + text + "': empty octet");
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                throw new BadTargetException("bad IPv4 address '" + text + "': octet '" + octet
                        + "' has a leading zero (octal or decimal?)");
            }
            int value = octet.length() > 3 ? 256 : Integer.parseInt(octet);
            if (value > 255) {
                throw new BadTargetException("bad IPv4 address '" + text + "': octet " + octet
                        + " out of range (0-255)");
            }
            address[i] = (byte) value;
        }
        return address;
    }

    /** Parses an IPv6 address without brackets, zone or prefix. */
    static byte[] parseIpv6(String text) throws BadTargetException {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw badIpv6(text, "'::' may appear only once");
        }
        String head = gap >= 0 ? text.substring(0, gap) : text;
        String tail = gap >= 0 ? text.substring(gap + 2) : "";
        int[] headGroups = groups(text, head, gap < 0);
        int[] tailGroups = groups(text, tail, true);
        int count = headGroups.length + tailGroups.length;
        if (gap < 0 && count != 8) {
            throw badIpv6(text, "expected 8 groups or '::'");
        }
        if (gap >= 0 && count > 7) {
            throw badIpv6(text, "too many groups");
        }
        byte[] address = new byte[16];
        put(address, 0, headGroups);
        put(address, 8 - tailGroups.length, tailGroups);
        return address;
    }

    private static int[] groups(String text, String part, boolean mayEndInIpv4) throws BadTargetException {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] pieces = part.split(":", -1);
        boolean ipv4 = mayEndInIpv4 && pieces[pieces.length - 1].indexOf('.') >= 0;
        int[] groups = new int[pieces.length + (ipv4 ? 1 : 0)];
        for (int i = 0; i < pieces.length - (ipv4 ? 1 : 0); i++) {
            groups[i] = hexGroup(text, pieces[i]);
        }
        if (ipv4) {
            byte[] v4 = embeddedIpv4(text, pieces[pieces.length - 1]);
            groups[groups.length - 2] = (v4[0] & 0xff) << 8 | (v4[1] & 0xff);
            groups[groups.length - 1] = (v4[2] & 0xff) << 8 | (v4[3] & 0xff);
        }
        return groups;
    }

    private static byte[] embeddedIpv4(String text, String quad) throws BadTargetException {
        try {
            return parseIpv4(quad);
        } catch (BadTargetException e) {
            throw badIpv6(text, "bad embedded IPv4 part '" + quad + "'");
        }
    }

    private static int hexGroup(String text, String piece) throws BadTargetException {
        if (piece.indexOf('.') >= 0) {
            throw badIpv6(text, "an IPv4 part like '" + piece + "' may only come last");
        }
        if (piece.isEmpty() || piece.length() > 4) {
            throw badIpv6(text, piece.isEmpty() ? "empty group" : "group '" + piece + "' longer than 4 digits");
        }
        int value = 0;
        for (int i = 0; i < piece.length(); i++) {
            int digit = Character.digit(piece.charAt(i), 16);
            if (digit < 0 || piece.charAt(i) > 'f') {
                throw badIpv6(text, "'" + piece + "' is not a hex group");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static void put(byte[] address, int firstGroup, int[] groups) {
        for (int i = 0; i < groups.length; i++) {
            address[2 * (firstGroup + i)] = (byte) (groups[i] >> 8);
            address[2 * (firstGroup + i) + 1] = (byte) groups[i];
        }
    }

    private static BadTargetException badIpv6(String text, String why) {
        return new BadTargetException("bad IPv6 address '" + text + "' (" + why + ")");
    }

    /** Dotted quad for 4 bytes, RFC 5952 text for 16. */
    static String format(byte[] address) {
        return address.length == 4 ? formatIpv4(address, 0) : formatIpv6(address);
    }

    private static String formatIpv4(byte[] a, int from) {
        return (a[from] & 0xff) + "." + (a[from + 1] & 0xff) + "." + (a[from + 2] & 0xff) + "." + (a[from + 3] & 0xff);
    }

    private static String formatIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
            return "::ffff:" + formatIpv4(a, 12);
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

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
