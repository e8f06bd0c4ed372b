package io.tlsweep.engine.handshake;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tlsweep.engine.Transport;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Full TLS handshakes over Netty's {@link SslHandler} with BoringSSL, the JDK or Bouncy Castle JSSE.
 *
 * <p>Certificates are captured, never trusted or rejected: the outcome carries the chain as served, and
 * validation is a separate step. Every connection is bounded by the connect and handshake timeouts and, for
 * {@link SessionMode#FRESH}, closed with RST as soon as the handshake completes. One event-loop group
 * (epoll or NIO) serves every connection; one {@code SslContext} per {@link HandshakeSpec} is built on first
 * use and reused. Thread-safe; close it to stop the event loops.
 */
public final class HandshakeClient implements AutoCloseable {
    private final HandshakeClientConfig config;
    private final Transport transport;
    private final ClientContexts contexts = new ClientContexts();

    public HandshakeClient(HandshakeClientConfig config) {
        this.config = config;
        this.transport = new Transport(config.nativeTransport(), config.eventLoopThreads(), config.connectTimeout(),
                true);
    }

    /** {@code epoll} or {@code nio}. */
    public String transportName() {
        return transport.name();
    }

    /**
     * Builds the context for {@code spec} now, so that a configuration the provider cannot honour (a suite it
     * lacks, a version it refuses) is reported before any connection.
     *
     * @throws IllegalArgumentException naming what the provider cannot do
     */
    public void prepare(HandshakeSpec spec) {
        contexts.contextFor(spec);
    }

    /** One fresh full handshake; see {@link #handshake(HandshakeTarget, HandshakeSpec, SessionMode)}. */
    public CompletionStage<HandshakeOutcome> handshake(HandshakeTarget target, HandshakeSpec spec) {
        return handshake(target, spec, SessionMode.FRESH);
    }

    /**
     * Connects to {@code target} and runs one handshake with {@code spec}. The stage always completes
     * normally, on an event-loop thread, with an outcome (a failure is a {@link HandshakeOutcome.Failed}).
     */
    public CompletionStage<HandshakeOutcome> handshake(HandshakeTarget target, HandshakeSpec spec, SessionMode mode) {
        CompletableFuture<HandshakeOutcome> result = new CompletableFuture<>();
        SslContext context;
        try {
            context = contexts.contextFor(spec);
        } catch (IllegalArgumentException unsupported) {
            result.complete(new HandshakeOutcome.Failed(Failure.of(FailureKind.INTERNAL_ERROR,
                    unsupported.getMessage()), new HandshakeTimings(-1, -1, 0)));
            return result;
        }
        Channel channel = transport.newSocketChannel(mode == SessionMode.FRESH);
        SslHandler ssl = mode == SessionMode.FRESH ? context.newHandler(channel.alloc())
                : context.newHandler(channel.alloc(), target.address().getAddress().getHostAddress(),
                        target.address().getPort());
        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        ssl.setCloseNotifyFlushTimeoutMillis(config.handshakeTimeout().toMillis());
        ssl.setCloseNotifyReadTimeoutMillis(0);
        long handshake = config.handshakeTimeout().toMillis();
        long bound = config.connectTimeout().toMillis() + handshake * (target.prelude().isPresent() ? 2 : 1);
        EventLoop loop = transport.nextLoop();
        new HandshakeConnection(target, mode, contexts.trustManager(), channel, ssl, handshake, bound,
                result::complete).start(loop);
        return result;
    }

    @Override
    public void close() {
        transport.close();
    }
}
