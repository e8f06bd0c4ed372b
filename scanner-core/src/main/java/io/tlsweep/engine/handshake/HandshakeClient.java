package io.tlsweep.engine.handshake;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.tlsweep.engine.ConnectionGate;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.engine.Transport;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Full TLS handshakes over Netty's {@link SslHandler} with BoringSSL, the JDK or Bouncy Castle JSSE, after the
 * target's prelude when it has one ({@link HandshakeTarget#prelude()}).
 *
 * <p>Certificates are captured, never trusted or rejected: the outcome carries the chain as served, and
 * validation is a separate step. Every connection is bounded by the connect and handshake timeouts and, for
 * {@link SessionMode#FRESH}, closed with RST as soon as the handshake completes. One {@code SslContext} per
 * {@link HandshakeSpec} (and the ALPN protocols the target's prelude names, {@link Prelude#alpn()}) is built on
 * first use and reused. Thread-safe.
 *
 * <p>A client made {@link #through(ScanEngine) through an engine} runs on the engine's event loops and opens
 * each connection only when the engine's {@link ConnectionGate} lets it (global cap, per-host cap, per-host
 * rate, scope), so a run's real handshakes and its raw hellos share one set of limits; closing it leaves the
 * engine running. A client made with its own configuration has its own event loops and no limits but its
 * caller's (tests, the benchmarks module); close it to stop them.
 */
public final class HandshakeClient implements AutoCloseable {
    private final HandshakeClientConfig config;
    private final Transport transport;
    private final ConnectionGate gate;
    private final ClientContexts contexts = new ClientContexts();

    public HandshakeClient(HandshakeClientConfig config) {
        this(config, new Transport(config.nativeTransport(), config.eventLoopThreads(), config.connectTimeout(),
                true), null);
    }

    private HandshakeClient(HandshakeClientConfig config, Transport transport, ConnectionGate gate) {
        this.config = config;
        this.transport = transport;
        this.gate = gate;
    }

    /**
     * Handshakes on {@code engine}'s event loops, through its gate; the connect timeout is the engine's, the
     * handshake timeout its read timeout.
     */
    public static HandshakeClient through(ScanEngine engine) {
        EngineConfig c = engine.config();
        return new HandshakeClient(new HandshakeClientConfig(c.connectTimeout(), c.readTimeout(),
                c.eventLoopThreads(), c.nativeTransport()), engine.transport(), engine.gate());
    }

    /** The timeouts this client's handshakes are bounded by. */
    public HandshakeClientConfig config() {
        return config;
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
            context = contexts.contextFor(spec, target.prelude().map(Prelude::alpn).orElse(List.of()));
        } catch (IllegalArgumentException unsupported) {
            result.complete(new HandshakeOutcome.Failed(Failure.of(FailureKind.INTERNAL_ERROR,
                    unsupported.getMessage()), new HandshakeTimings(-1, -1, 0)));
            return result;
        }
        EventLoop loop = transport.nextLoop();
        if (gate == null) {
            connect(target, mode, context, loop, result::complete);
            return result;
        }
        Optional<String> refusal = gate.refusal(target.address().getAddress());
        if (refusal.isPresent()) {
            result.complete(new HandshakeOutcome.Failed(Failure.of(FailureKind.EXCLUDED, target.hostPort() + ": "
                    + refusal.get()), new HandshakeTimings(-1, -1, 0)));
            return result;
        }
        gate.enter(target.address().getAddress(), target.prelude().map(Prelude::protocol), loop, pass -> {
            Channel channel = connect(target, mode, context, loop, result::complete);
            channel.closeFuture().addListener(closed -> pass.release());
        });
        return result;
    }

    /** Starts one connection on {@code loop}; {@code outcome} is told how it went, once. */
    private Channel connect(HandshakeTarget target, SessionMode mode, SslContext context, EventLoop loop,
            Consumer<HandshakeOutcome> outcome) {
        Channel channel = transport.newSocketChannel(mode == SessionMode.FRESH);
        SslHandler ssl = mode == SessionMode.FRESH ? context.newHandler(channel.alloc())
                : context.newHandler(channel.alloc(), target.address().getAddress().getHostAddress(),
                        target.address().getPort());
        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        ssl.setCloseNotifyFlushTimeoutMillis(config.handshakeTimeout().toMillis());
        ssl.setCloseNotifyReadTimeoutMillis(0);
        long handshake = config.handshakeTimeout().toMillis();
        // connect, the handshake, the prelude and what it asks after TLS: the two last under the protocol's own
        // answer timeout (the handshake's when the protocol has none)
        long prelude = target.prelude().isEmpty() ? 0 : gate == null ? handshake
                : gate.limits(target.prelude().map(Prelude::protocol)).preludeTimeout().map(Duration::toMillis)
                        .orElse(handshake);
        long afterTls = target.prelude().flatMap(Prelude::afterTls).isPresent() ? prelude : 0;
        long bound = config.connectTimeout().toMillis() + handshake + prelude + afterTls;
        new HandshakeConnection(target, mode, contexts.trustManager(), channel, ssl, prelude, bound, outcome)
                .start(loop);
        return channel;
    }

    /** Stops this client's own event loops; a client made through an engine leaves the engine's alone. */
    @Override
    public void close() {
        if (gate == null) {
            transport.close();
        }
    }
}
