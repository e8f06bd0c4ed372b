package io.tlsweep.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure parser of one target line (a line of a file, or one command-line argument):
 *
 * <pre>
 *   TARGET [sni=NAME]            # comment
 *   TARGET = HOST[:PORT] | [IPv6][:PORT] | IPv6 | IPv4/LEN[:PORT] | [IPv6/LEN][:PORT] | IPv6/LEN
 * </pre>
 *
 * White space around and between words is ignored; {@code #} at the start of a line or after white
 * space starts a comment. A name as HOST is also the SNI; an IP literal sends none unless {@code sni=}
 * says so ({@code sni=} never causes a lookup: the connection still goes to HOST). See
 * {@link EndpointParser} for IPv6 rules and {@link AddressRange} for CIDR edges.
 */
public final class TargetLine {
    private static final String SNI = "sni=";

    private TargetLine() {
    }

    /**
     * Parses one line; never throws on any line.
     *
     * @param origin       where the line is from, used in targets and errors ({@code targets.txt:12})
     * @param defaultPorts ports for a target without one, in order; not empty, each 1-65535
     * @throws IllegalArgumentException if {@code defaultPorts} is empty or holds a bad port (the caller's
     *                                  bug, not the input's)
     */
    public static ParsedLine parse(String line, String origin, List<Integer> defaultPorts) {
        List<Integer> ports = checkedPorts(defaultPorts);
        List<String> words = words(line);
        if (words.isEmpty()) {
            return new ParsedLine.Ignored();
        }
        try {
            String token = words.get(0);
            Endpoint endpoint = EndpointParser.parse(token);
            Optional<String> sni = sni(words);
            if (sni.isEmpty() && endpoint instanceof Endpoint.Host h && !h.literal()) {
                sni = Optional.of(DnsName.withoutTrailingDot(h.host()));
            }
            List<Integer> targetPorts = endpoint.port() == Endpoint.NO_PORT ? ports : List.of(endpoint.port());
            return new ParsedLine.Targets(token, endpoint, targetPorts, sni, origin);
        } catch (BadTargetException e) {
            return new ParsedLine.Failed(new InputError(origin, e.getMessage()));
        }
    }

    /** Checks and copies a default port list (a list already copied is returned as is). */
    static List<Integer> checkedPorts(List<Integer> ports) {
        List<Integer> copy = List.copyOf(ports);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no default ports");
        }
        for (int port : copy) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("default port " + port + " out of range (1-65535)");
            }
        }
        return copy;
    }

    private static Optional<String> sni(List<String> words) throws BadTargetException {
        Optional<String> sni = Optional.empty();
        for (String word : words.subList(1, words.size())) {
            if (!word.startsWith(SNI)) {
                throw new BadTargetException("unknown modifier '" + word + "' (expected sni=NAME)");
            }
            if (sni.isPresent()) {
                throw new BadTargetException("sni= given twice");
            }
            sni = Optional.of(DnsName.sniName(word.substring(SNI.length())));
        }
        return sni;
    }

    /** The white-space separated words before any comment. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>(2);
        int start = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (c == '#' && start < 0) {
                break;
            }
            if (space && start >= 0) {
                words.add(line.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            words.add(line.substring(start));
        }
        return words;
    }
}
