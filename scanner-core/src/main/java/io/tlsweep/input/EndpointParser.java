package io.tlsweep.input;

import io.tlsweep.text.IpLiteral;

/**
 * Reads the target token of a line (no modifiers, no comment): {@code HOST[:PORT]},
 * {@code [IPv6][:PORT]}, a bare IPv6 literal, and CIDR forms of each. Pure and strict; the message of
 * every {@link BadTargetException} names what is wrong.
 *
 * <p>A token with two or more colons outside brackets is a bare IPv6 literal with no port:
 * {@code 2001:db8::1:443} is the address {@code 2001:db8::1:1bb}, not a port. Brackets give a port.
 * IPv6 zone ids ({@code fe80::1%eth0}) are refused: a scope only means something on one machine. Addresses are
 * read by {@link IpLiteral}, whose messages name what is wrong with a literal.
 */
final class EndpointParser {

    private EndpointParser() {
    }

    static Endpoint parse(String token) throws BadTargetException {
        if (token.startsWith("[")) {
            return bracketed(token);
        }
        int colon = token.indexOf(':');
        if (colon >= 0 && token.indexOf(':', colon + 1) >= 0) {
            return bareIpv6(token);
        }
        String hostPart = colon >= 0 ? token.substring(0, colon) : token;
        if (hostPart.isEmpty()) {
            throw new BadTargetException("empty host in '" + token + "'");
        }
        int port = colon >= 0 ? port(token.substring(colon + 1)) : Endpoint.NO_PORT;
        int slash = hostPart.indexOf('/');
        if (slash >= 0) {
            String address = hostPart.substring(0, slash);
            if (address.isEmpty()) {
                throw new BadTargetException("missing address before '" + hostPart.substring(slash) + "'");
            }
            if (!IpLiteral.looksLikeIpv4(address)) {
                throw new BadTargetException("a CIDR range needs an IP address, not '" + address + "'");
            }
            byte[] bytes = bytes(IpLiteral.parseIpv4(address));
            return new Endpoint.Range(AddressRange.of(bytes, prefix(hostPart.substring(slash + 1), "IPv4")), port);
        }
        if (IpLiteral.looksLikeIpv4(hostPart)) {
            return new Endpoint.Host(IpLiteral.format(bytes(IpLiteral.parseIpv4(hostPart))), true, port);
        }
        if (hostPart.indexOf(']') >= 0) {
            throw new BadTargetException("']' without '[' in '" + token + "'");
        }
        DnsName.check(hostPart, "host name");
        return new Endpoint.Host(hostPart, false, port);
    }

    private static Endpoint bracketed(String token) throws BadTargetException {
        int close = token.indexOf(']');
        if (close < 0) {
            throw new BadTargetException("missing ']' after IPv6 address in '" + token + "'");
        }
        String inside = token.substring(1, close);
        String rest = token.substring(close + 1);
        int port = Endpoint.NO_PORT;
        if (rest.startsWith(":")) {
            port = port(rest.substring(1));
        } else if (!rest.isEmpty()) {
            throw new BadTargetException("unexpected '" + rest + "' after ']' (expected :PORT)");
        }
        if (inside.isEmpty()) {
            throw new BadTargetException("empty IPv6 address in '[]'");
        }
        if (inside.indexOf(':') < 0) {
            throw new BadTargetException("brackets are for IPv6 addresses only, not '" + inside + "'");
        }
        return ipv6(inside, port);
    }

    private static Endpoint bareIpv6(String token) throws BadTargetException {
        String first = token.substring(0, token.indexOf(':'));
        if (!first.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0 || c == '.')) {
            throw new BadTargetException("too many ':' in '" + token + "' (HOST:PORT has one;"
                    + " an IPv6 address with a port needs brackets)");
        }
        int slash = token.indexOf('/');
        if (slash >= 0 && token.indexOf(':', slash) >= 0) {
            throw new BadTargetException("an IPv6 range with a port needs brackets, as in [2001:db8::/126]:443");
        }
        return ipv6(token, Endpoint.NO_PORT);
    }

    private static Endpoint ipv6(String text, int port) throws BadTargetException {
        int slash = text.indexOf('/');
        String address = slash >= 0 ? text.substring(0, slash) : text;
        byte[] bytes = bytes(IpLiteral.parseIpv6(address));
        if (slash < 0) {
            return new Endpoint.Host(IpLiteral.format(bytes), true, port);
        }
        return new Endpoint.Range(AddressRange.of(bytes, prefix(text.substring(slash + 1), "IPv6")), port);
    }

    /** The bytes of a parsed address; the parser's reason, as it words it, for a malformed one. */
    static byte[] bytes(IpLiteral.Parsed parsed) throws BadTargetException {
        if (parsed instanceof IpLiteral.Address address) {
            return address.bytes();
        }
        if (parsed instanceof IpLiteral.Malformed malformed) {
            throw new BadTargetException(malformed.why());
        }
        throw new IllegalArgumentException("text not meant as an IP literal reached the address reader");
    }

    private static int prefix(String text, String family) throws BadTargetException {
        if (text.isEmpty()) {
            throw new BadTargetException("missing CIDR prefix after '/'");
        }
        if (!allDigits(text) || text.length() > 3) {
            throw new BadTargetException("bad CIDR prefix /" + text + " for " + family);
        }
        return Integer.parseInt(text);
    }

    static int port(String text) throws BadTargetException {
        if (text.isEmpty()) {
            throw new BadTargetException("missing port after ':'");
        }
        if (!allDigits(text)) {
            throw new BadTargetException("bad port '" + text + "' (expected a number 1-65535)");
        }
        int port = text.length() > 5 ? -1 : Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new BadTargetException("port " + text + " out of range (1-65535)");
        }
        return port;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
