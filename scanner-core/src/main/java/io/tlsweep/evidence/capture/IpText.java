package io.tlsweep.evidence.capture;

/**
 * IP addresses as text without {@code java.net} (the evidence package is offline): IPv4 dotted, IPv6 in the
 * canonical form of RFC 5952 (lower case, no leading zeros, the longest run of two or more zero groups, the first
 * of equal runs, as "::"). Pure.
 */
final class IpText {
    private IpText() {
    }

    /** The 4 or 16 bytes at {@code at} as text. */
    static String of(byte[] b, int at, int length) {
        return length == 4 ? v4(b, at) : v6(b, at);
    }

    private static String v4(byte[] b, int at) {
        return (b[at] & 0xFF) + "." + (b[at + 1] & 0xFF) + "." + (b[at + 2] & 0xFF) + "." + (b[at + 3] & 0xFF);
    }

    private static String v6(byte[] b, int at) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[at + 2 * i] & 0xFF) << 8 | (b[at + 2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLength - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(groups[i]));
        }
        return s.toString();
    }
}
