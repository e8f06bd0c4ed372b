package io.tlsweep.input;

import java.util.Objects;
import java.util.Optional;

/**
 * One endpoint to scan: connect to {@code host} (a DNS name the engine resolves, or an IP literal) on
 * {@code port}, and send {@code sni} as server name (none for an IP literal unless the user gave
 * {@code sni=NAME}).
 *
 * @param input         the target as the user wrote it, without modifiers ({@code example.com},
 *                      {@code [2001:db8::1]:8443}); for an address expanded from a CIDR range, that
 *                      address with its port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443})
 * @param host          a host name as written (case kept, a trailing dot kept for the resolver), or an
 *                      IP literal in canonical form ({@code 192.0.2.1}, {@code 2001:db8::1}, no brackets)
 * @param port          1-65535
 * @param sni           the server name to send, never an IP literal, without a trailing dot
 * @param hostIsLiteral whether {@code host} is an IPv4 or IPv6 literal (nothing to resolve)
 * @param origin        where the target came from: {@code targets.txt:12}, {@code -:3} (stdin),
 *                      {@code argument 2}
 * @param prelude       the protocol spoken before TLS ({@code smtp}: its STARTTLS), by name; empty when TLS
 *                      starts with the first byte (see {@link StartTls})
 */
public record Target(String input, String host, int port, Optional<String> sni, boolean hostIsLiteral,
        String origin, Optional<String> prelude) {

    public Target {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sni, "sni");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(prelude, "prelude");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range (1-65535)");
        }
    }

    /** A target where TLS starts with the first byte. */
    public Target(String input, String host, int port, Optional<String> sni, boolean hostIsLiteral, String origin) {
        this(input, host, port, sni, hostIsLiteral, origin, Optional.empty());
    }

    /** The same target with {@code protocol} spoken before TLS (empty: none). */
    public Target withPrelude(Optional<String> protocol) {
        return new Target(input, host, port, sni, hostIsLiteral, origin, protocol);
    }
}
