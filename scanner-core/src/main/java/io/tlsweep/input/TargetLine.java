package io.tlsweep.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pure parser of one target line (a line of a file, or one command-line argument):
 *
 * <pre>
 *   TARGET [sni=NAME] [starttls=PROTO|none|auto]     # comment
 *   TARGET = HOST[:PORT] | [IPv6][:PORT] | IPv6 | IPv4/LEN[:PORT] | [IPv6/LEN][:PORT] | IPv6/LEN
 * </pre>
 *
 * White space around and between words is ignored; {@code #} at the start of a line or after white
 * space starts a comment. A name as HOST is also the SNI; an IP literal sends none unless {@code sni=}
 * says so ({@code sni=} never causes a lookup: the connection still goes to HOST). {@code starttls=} says
 * what is spoken before TLS on the line's targets, over the run's own choice ({@link StartTls}). Each
 * modifier at most once, in any order. See {@link EndpointParser} for IPv6 rules and {@link AddressRange}
 * for CIDR edges.
 */
public final class TargetLine {
    private static final String SNI = "sni=";
    private static final String STARTTLS = "starttls=";

    private TargetLine() {
    }

    /** Parses one line of targets where TLS starts with the first byte ({@link StartTls#DIRECT}). */
    public static ParsedLine parse(String line, String origin, List<Integer> defaultPorts) {
        return parse(line, origin, defaultPorts, StartTls.DIRECT);
    }

    /**
     * Parses one line; never throws on any line.
     *
     * @param origin       where the line is from, used in targets and errors ({@code targets.txt:12})
     * @param defaultPorts ports for a target without one, in order; not empty, each 1-65535
     * @param startTls     the protocols known before TLS, and what a line without {@code starttls=} gets
     * @throws IllegalArgumentException if {@code defaultPorts} is empty or holds a bad port (the caller's
     *                                  bug, not the input's)
     */
    public static ParsedLine parse(String line, String origin, List<Integer> defaultPorts, StartTls startTls) {
        List<Integer> ports = checkedPorts(defaultPorts);
        List<String> words = words(line);
        if (words.isEmpty()) {
            return new ParsedLine.Ignored();
        }
        try {
            String token = words.get(0);
            Endpoint endpoint = EndpointParser.parse(token);
            Optional<String> sni = Optional.empty();
            Optional<String> starttls = Optional.empty();
            for (String word : words.subList(1, words.size())) {
                if (word.startsWith(SNI)) {
                    sni = once(sni, "sni=", DnsName.sniName(word.substring(SNI.length())));
                } else if (word.startsWith(STARTTLS)) {
                    starttls = once(starttls, "starttls=", startTls(word.substring(STARTTLS.length()), startTls));
                } else {
                    throw new BadTargetException("unknown modifier '" + word
                            + "' (expected sni=NAME or starttls=PROTO)");
                }
            }
            if (sni.isEmpty() && endpoint instanceof Endpoint.Host h && !h.literal()) {
                sni = Optional.of(DnsName.withoutTrailingDot(h.host()));
            }
            List<Integer> targetPorts = endpoint.port() == Endpoint.NO_PORT ? ports : List.of(endpoint.port());
            return new ParsedLine.Targets(token, endpoint, targetPorts, sni, starttls, startTls, origin);
        } catch (BadTargetException e) {
            return new ParsedLine.Failed(new InputError(origin, e.getMessage()));
        }
    }

    private static Optional<String> once(Optional<String> before, String modifier, String value)
            throws BadTargetException {
        if (before.isPresent()) {
            throw new BadTargetException(modifier + " given twice");
        }
        return Optional.of(value);
    }

    private static String startTls(String value, StartTls startTls) throws BadTargetException {
        try {
            return startTls.checked(value);
        } catch (IllegalArgumentException e) {
            throw new BadTargetException("starttls=" + value + ": " + e.getMessage());
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
