package io.tlsweep.engine.handshake;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a full handshake goes: a resolved address and the SNI name to send (none for a bare address).
 *
 * @param address resolved address and port
 * @param serverName the SNI host name; empty sends no server_name extension
 */
public record HandshakeTarget(InetSocketAddress address, Optional<String> serverName) {

    public HandshakeTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve the address first: " + address);
        }
    }

    public static HandshakeTarget of(InetSocketAddress address) {
        return new HandshakeTarget(address, Optional.empty());
    }

    public static HandshakeTarget of(InetSocketAddress address, String serverName) {
        return new HandshakeTarget(address, Optional.of(serverName));
    }

    /** "127.0.0.1:8443". */
    public String hostPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
