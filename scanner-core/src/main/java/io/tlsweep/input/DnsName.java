package io.tlsweep.input;

import io.tlsweep.text.IpLiteral;

/**
 * DNS host name rules (RFC 1123 "LDH"): labels of letters, digits and hyphens, 1-63 characters, not
 * starting or ending with a hyphen, at most 253 characters in all; one trailing dot (an absolute name) is
 * allowed. Non-ASCII names must be written in their {@code xn--} form: converting them here would make
 * the scanner guess an IDNA flavour for the user.
 */
final class DnsName {
    static final int MAX_LENGTH = 253;
    static final int MAX_LABEL = 63;

    private DnsName() {
    }

    /**
     * Checks a name given as HOST. The caller has already sent all-digit endings to the IPv4 parser.
     *
     * @param what how to call the name in messages ("host name", "sni name")
     */
    static void check(String name, String what) throws BadTargetException {
        String bare = withoutTrailingDot(name);
        if (bare.isEmpty()) {
            throw new BadTargetException("empty " + what);
        }
        if (bare.length() > MAX_LENGTH) {
            throw new BadTargetException(what + " longer than " + MAX_LENGTH + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= bare.length(); i++) {
            char c = i < bare.length() ? bare.charAt(i) : '.';
            if (c == '.') {
                checkLabel(bare, labelStart, i, what);
                labelStart = i + 1;
            } else if (c > 0x7e) {
                throw new BadTargetException("non-ASCII " + what + " '" + name
                        + "' (write it in its xn-- punycode form)");
            } else if (!(c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                String shown = c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
                throw new BadTargetException("bad character " + shown + " in " + what + " '" + name + "'");
            }
        }
    }

    private static void checkLabel(String name, int from, int to, String what) throws BadTargetException {
        if (from == to) {
            throw new BadTargetException("empty label in " + what + " '" + name + "'");
        }
        if (to - from > MAX_LABEL) {
            throw new BadTargetException("label longer than " + MAX_LABEL + " characters in " + what
                    + " '" + name + "'");
        }
        if (name.charAt(from) == '-' || name.charAt(to - 1) == '-') {
            throw new BadTargetException("label '" + name.substring(from, to) + "' in " + what
                    + " starts or ends with '-'");
        }
    }

    /**
     * Validates the NAME of {@code sni=NAME} and returns it without its trailing dot (a server name is
     * sent without one). IP literals are refused: RFC 6066 forbids them in server_name.
     */
    static String sniName(String name) throws BadTargetException {
        if (name.isEmpty()) {
            throw new BadTargetException("empty sni name (expected sni=NAME)");
        }
        String bare = withoutTrailingDot(name);
        if (bare.indexOf(':') >= 0 || bare.startsWith("[") || IpLiteral.looksLikeIpv4(bare)) {
            throw new BadTargetException("sni=" + name + ": an IP address cannot be sent as SNI"
                    + " (RFC 6066); leave sni= out to send none");
        }
        check(name, "sni name");
        return bare;
    }

    static String withoutTrailingDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
