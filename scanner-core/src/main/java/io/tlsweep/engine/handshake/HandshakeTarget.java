package io.tlsweep.engine.handshake;

import io.tlsweep.prelude.Prelude;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a full handshake goes: a resolved address, the SNI name to send (none for a bare address), and what is
 * said before TLS on that connection (none when TLS starts at once).
 *
 * @param address resolved address and port
 * @param serverName the SNI host name; empty sends no server_name extension
 * @param prelude run before the TLS handshake (STARTTLS and the like); empty for direct TLS
 */
public record HandshakeTarget(InetSocketAddress address, Optional<String> serverName, Optional<Prelude> prelude) {

    public HandshakeTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(prelude, "prelude");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve the address first: " + address);
        }
    }

    public static HandshakeTarget of(InetSocketAddress address) {
        return new HandshakeTarget(address, Optional.empty(), Optional.empty());
    }

    public static HandshakeTarget of(InetSocketAddress address, String serverName) {
        return new HandshakeTarget(address, Optional.of(serverName), Optional.empty());
    }

    /** The same target with {@code p} said before the handshake. */
    public HandshakeTarget withPrelude(Prelude p) {
        return new HandshakeTarget(address, serverName, Optional.of(p));
    }

    /** "127.0.0.1:8443". */
    public String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
