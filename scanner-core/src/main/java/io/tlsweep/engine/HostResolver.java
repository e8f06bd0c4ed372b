package io.tlsweep.engine;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Turns a host name into one address, without blocking the caller. The engine asks once per target and
 * never for an IP literal, nor for text meant as one but malformed ({@link io.tlsweep.text.IpLiteral}). A failed
 * future (any exception; {@link java.net.UnknownHostException} is usual) ends the target with a DNS failure and no
 * connection.
 */
@FunctionalInterface
public interface HostResolver {
    CompletableFuture<InetAddress> resolve(String host);
}
