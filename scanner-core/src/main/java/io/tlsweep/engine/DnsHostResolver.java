package io.tlsweep.engine;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The default {@link HostResolver}: Netty's non-blocking {@link DnsNameResolver} on one of the engine's
 * event loops. It reads /etc/hosts first, then asks the system's name servers over UDP (TCP on truncation),
 * preferring IPv4 addresses, and caches answers by their TTL.
 */
public final class DnsHostResolver implements HostResolver, AutoCloseable {
    private final DnsNameResolver resolver;

    DnsHostResolver(EventLoop loop, Class<? extends DatagramChannel> datagramType) {
        this.resolver = new DnsNameResolverBuilder(loop)
                .datagramChannelType(datagramType)
                .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED)
                .build();
    }

    @Override
    public CompletableFuture<InetAddress> resolve(String host) {
        CompletableFuture<InetAddress> out = new CompletableFuture<>();
        resolver.resolve(host).addListener(f -> {
            if (f.isSuccess()) {
                out.complete((InetAddress) f.getNow());
            } else {
                out.completeExceptionally(f.cause());
            }
        });
        return out;
    }

    @Override
    public void close() {
        resolver.close();
    }
}
