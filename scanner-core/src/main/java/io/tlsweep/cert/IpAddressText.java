package io.tlsweep.cert;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;

/**
 * IP address text to bytes and back, without {@code InetAddress} (which may resolve a name): parsing
 * uses Bouncy Castle's {@code GeneralName} encoder, which only ever reads literals.
 */
final class IpAddressText {

    private IpAddressText() {
    }

    /** The 4 or 16 address bytes of an IPv4 or IPv6 literal (brackets allowed), or empty for anything else. */
    static Optional<byte[]> parse(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPAddress.isValid(literal)) {
            return Optional.empty();
        }
        GeneralName name = new GeneralName(GeneralName.iPAddress, literal);
        return Optional.of(ASN1OctetString.getInstance(name.getName()).getOctets());
    }

    /** Dotted quad, or RFC 5952 text for IPv6 ({@code 2001:db8::1}, {@code ::ffff:192.0.2.1}). */
    static String format(byte[] address) {
        if (address.length == 4) {
            return dotted(address, 0);
        }
        if (address.length != 16) {
            return "?" + address.length + "-byte address";
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + dotted(address, 12);
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
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static String dotted(byte[] address, int from) {
        return (address[from] & 0xff) + "." + (address[from + 1] & 0xff) + "." + (address[from + 2] & 0xff) + "."
                + (address[from + 3] & 0xff);
    }
}
