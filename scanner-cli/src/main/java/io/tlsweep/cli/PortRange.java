package io.tlsweep.cli;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One item of {@code -p}: a port ({@code 443}) or a range of ports ({@code 8440-8449}), both ends included.
 *
 * @param first the lowest port
 * @param last the highest port, {@code >= first}
 */
record PortRange(int first, int last) {
    static final int MAX_PORT = 65_535;

    /** The ports of {@code ranges} in the order given, each once. */
    static List<Integer> ports(Collection<PortRange> ranges) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (PortRange r : ranges) {
            for (int p = r.first; p <= r.last; p++) {
                ports.add(p);
            }
        }
        return List.copyOf(ports);
    }

    /** Reads {@code PORT} or {@code FIRST-LAST} (use with {@code split = ","}). */
    static final class Converter implements ITypeConverter<PortRange> {
        @Override
        public PortRange convert(String value) {
            String v = value.trim();
            int dash = v.indexOf('-', 1);
            if (dash < 0) {
                int port = port(v, value);
                return new PortRange(port, port);
            }
            int first = port(v.substring(0, dash), value);
            int last = port(v.substring(dash + 1), value);
            if (last < first) {
                throw new TypeConversionException(value + ": a range goes from the lower port to the higher ("
                        + last + "-" + first + ")");
            }
            return new PortRange(first, last);
        }

        private static int port(String text, String value) {
            long port;
            try {
                port = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(value + ": not a port (a number from 1 to " + MAX_PORT
                        + ", or a range such as 8440-8449)");
            }
            if (port < 1 || port > MAX_PORT) {
                throw new TypeConversionException(value + ": a port is a number from 1 to " + MAX_PORT);
            }
            return (int) port;
        }
    }
}
