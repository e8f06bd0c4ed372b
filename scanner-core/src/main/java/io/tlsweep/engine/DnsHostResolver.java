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
 * preferring IPv4 addresses, and caches answers by their TTL. The resolver (its UDP channel, the system's DNS
 * configuration) is made for the first name: a run of address literals never makes it.
 */
public final class DnsHostResolver implements HostResolver, AutoCloseable {
    private final EventLoop loop;
    private final Class<? extends DatagramChannel> datagramType;
    private DnsNameResolver resolver; // guarded by this
    private boolean closed; // guarded by this

    DnsHostResolver(EventLoop loop, Class<? extends DatagramChannel> datagramType) {
        this.loop = loop;
        this.datagramType = datagramType;
    }

    @Override
    public CompletableFuture<InetAddress> resolve(String host) {
        CompletableFuture<InetAddress> out = new CompletableFuture<>();
        DnsNameResolver dns = resolver();
        if (dns == null) {
            out.completeExceptionally(new IllegalStateException("the resolver is closed"));
            return out;
        }
        dns.resolve(host).addListener(f -> {
            if (f.isSuccess()) {
                out.complete((InetAddress) f.getNow());
            } else {
                out.completeExceptionally(f.cause());
            }
        });
        return out;
    }

    /** The resolver, made now if this is the first name; null once closed. */
    private synchronized DnsNameResolver resolver() {
        if (resolver == null && !closed) {
            resolver = new DnsNameResolverBuilder(loop)
                    .datagramChannelType(datagramType)
                    .resolvedAddressTypes(ResolvedAddressTypes.IPV4_PREFERRED)
                    .build();
        }
        return closed ? null : resolver;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (resolver != null) {
            resolver.close();
        }
    }
}
