package io.tlsweep.input;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** What one input line holds: nothing (blank or comment), targets, or an error. */
public sealed interface ParsedLine permits ParsedLine.Ignored, ParsedLine.Failed, ParsedLine.Targets {

    /** A blank line or a comment. */
    record Ignored() implements ParsedLine {
    }

    record Failed(InputError error) implements ParsedLine {
    }

    /**
     * The targets of one line, computed on demand: hosts (one, or every address of a CIDR range, in
     * address order) times ports (the explicit one, or each default port in the caller's order), all
     * ports of an address before the next address. Iterable many times; never materialised.
     */
    final class Targets implements ParsedLine, Iterable<Target> {
        private final String input;
        private final Endpoint endpoint;
        private final List<Integer> ports;
        private final Optional<String> sni;
        private final Optional<String> starttls;
        private final StartTls startTls;
        private final String origin;

        Targets(String input, Endpoint endpoint, List<Integer> ports, Optional<String> sni, Optional<String> starttls,
                StartTls startTls, String origin) {
            this.input = input;
            this.endpoint = endpoint;
            this.ports = ports;
            this.sni = sni;
            this.starttls = starttls;
            this.startTls = startTls;
            this.origin = origin;
        }

        /** How many targets the line holds (up to 2^32 times the number of ports), without iterating. */
        public long size() {
            return hostCount() * ports.size();
        }

        public String origin() {
            return origin;
        }

        @Override
        public Iterator<Target> iterator() {
            return new Expansion();
        }

        @Override
        public Spliterator<Target> spliterator() {
            return Spliterators.spliterator(iterator(), size(),
                    Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
        }

        public Stream<Target> stream() {
            return StreamSupport.stream(spliterator(), false);
        }

        private long hostCount() {
            return endpoint instanceof Endpoint.Range r ? r.range().size() : 1;
        }

        private Target target(String host, int port) {
            Optional<String> prelude = startTls.protocolFor(starttls, port);
            if (endpoint instanceof Endpoint.Host h) {
                return new Target(input, host, port, sni, h.literal(), origin, prelude);
            }
            boolean ipv6 = host.indexOf(':') >= 0;
            String expanded = (ipv6 ? "[" + host + "]" : host) + ":" + port;
            return new Target(expanded, host, port, sni, true, origin, prelude);
        }

        private String host(long index) {
            return endpoint instanceof Endpoint.Host h ? h.host() : ((Endpoint.Range) endpoint).range().address(index);
        }

        @Override
        public String toString() {
            return origin + ": " + input + " (" + size() + " targets)";
        }

        private final class Expansion implements Iterator<Target> {
            private final long hosts = hostCount();
            private long hostIndex;
            private int portIndex;
            private String host;

            @Override
            public boolean hasNext() {
                return hostIndex < hosts;
            }

            @Override
            public Target next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (portIndex == 0) {
                    host = host(hostIndex);
                }
                Target target = target(host, ports.get(portIndex));
                if (++portIndex == ports.size()) {
                    portIndex = 0;
                    hostIndex++;
                }
                return target;
            }
        }
    }
}
