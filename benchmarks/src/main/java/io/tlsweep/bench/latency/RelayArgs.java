package io.tlsweep.bench.latency;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of {@link DelayRelayMain} does, parsed from its arguments:
 * <pre>
 * --delay-ms N BACKEND...      (BACKEND = 127.x.y.z:PORT, at most {@value #MAX_BACKENDS})
 * </pre>
 *
 * @param oneWayMillis the delay added in each direction, 0 to {@value #MAX_DELAY_MS} ms (a round trip costs twice)
 * @param backends the loopback endpoints to relay to, one relay each, in the order given
 */
public record RelayArgs(int oneWayMillis, List<InetSocketAddress> backends) {

    public static final int MAX_DELAY_MS = 10_000;
    public static final int MAX_BACKENDS = 64;

    static final String USAGE = "usage: DelayRelayMain --delay-ms N 127.x.y.z:PORT...";

    public RelayArgs {
        backends = List.copyOf(backends);
    }

    /** What the arguments said: relays to start, or what is wrong with them. */
    public sealed interface Parsed permits Run, Usage {
    }

    /** Arguments that start relays. */
    public record Run(RelayArgs args) implements Parsed {
    }

    /** Arguments that do not: the problem, or the usage line when help was asked for. */
    public record Usage(String message, boolean asked) implements Parsed {
    }

    /** Parses {@code args}; never throws. */
    public static Parsed parse(List<String> args) {
        Integer delay = null;
        List<InetSocketAddress> backends = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Usage(USAGE, true);
            }
            if (arg.equals("--delay-ms")) {
                if (i + 1 >= args.size()) {
                    return new Usage("--delay-ms needs a value\n" + USAGE, false);
                }
                String text = args.get(++i);
                if (!text.matches("\\d{1,5}") || Integer.parseInt(text) > MAX_DELAY_MS) {
                    return new Usage("--delay-ms: not a whole number of ms within 0.." + MAX_DELAY_MS + ": " + text,
                            false);
                }
                delay = Integer.parseInt(text);
            } else if (arg.startsWith("-")) {
                return new Usage("unknown option " + arg + "\n" + USAGE, false);
            } else {
                InetSocketAddress backend = loopback(arg);
                if (backend == null) {
                    return new Usage("not a loopback IPv4 address and port (127.x.y.z:PORT): " + arg, false);
                }
                backends.add(backend);
            }
        }
        if (delay == null) {
            return new Usage("--delay-ms is required\n" + USAGE, false);
        }
        if (backends.isEmpty() || backends.size() > MAX_BACKENDS) {
            return new Usage("give 1 to " + MAX_BACKENDS + " backends\n" + USAGE, false);
        }
        return new Run(new RelayArgs(delay, backends));
    }

    /** {@code 127.x.y.z:PORT} as an unresolved-free address, or null; no name is ever looked up. */
    private static InetSocketAddress loopback(String text) {
        if (!text.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}:\\d{1,5}")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return null;
            }
        }
        if (port < 1 || port > 65_535) {
            return null;
        }
        return new InetSocketAddress(host, port);
    }
}
