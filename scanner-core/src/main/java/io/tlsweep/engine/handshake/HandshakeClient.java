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
import io.tlsweep.wire.ClientHelloSpec;
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
    private final Offers offers = new Offers(contexts);

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

    /** A held handshake under way, which its caller may end early. */
    public interface Held {
        /** Ends the connection now; the outcome still comes, once, as a failure. On the handshake's loop. */
        void abort(String why);
    }

    /**
     * Runs one fresh handshake with {@code spec} on {@code loop} at once, WITHOUT passing the gate: for a caller that
     * already holds the connection's permits (the engine running a plan's step, which took them as for a hello).
     * Then does what {@code after} asks on the same connection. {@code outcome} is told once, on {@code loop}; a spec
     * the provider cannot honour fails at once (internal error) with no connection. The connection is bounded by the
     * connect and handshake timeouts, the prelude's, one read timeout per thing asked after the handshake, and
     * {@code after}'s bytes.
     */
    public Held hold(EventLoop loop, HandshakeTarget target, HandshakeSpec spec, AfterHandshake after,
            Consumer<HandshakeOutcome> outcome) {
        SslContext context;
        try {
            context = contexts.contextFor(spec, target.prelude().map(Prelude::alpn).orElse(List.of()));
        } catch (IllegalArgumentException unsupported) {
            outcome.accept(new HandshakeOutcome.Failed(Failure.of(FailureKind.INTERNAL_ERROR,
                    unsupported.getMessage()), new HandshakeTimings(-1, -1, 0)));
            return why -> { };
        }
        HandshakeConnection connection = connect(target, SessionMode.FRESH, after, context, loop, outcome);
        return connection::abort;
    }

    /**
     * The spec a real stack here offers {@code hello}'s versions (its supported_versions, or its client version
     * alone) and as many of its suites as it can with: BoringSSL first, then the JDK, then Bouncy Castle (for TLS
     * 1.3 the JDK first: BoringSSL always offers its own three suites); the JDK alone when the handshake is to be
     * renegotiated; the JDK first when its clear messages are to be read ({@code tap}: Netty's BoringSSL client
     * offers no session ticket, so a server would send none). Empty when no stack here can offer any of them.
     */
    public Optional<HandshakeSpec> specFor(ClientHelloSpec hello, boolean renegotiate, boolean tap) {
        return offers.specFor(hello, renegotiate, tap);
    }

    /** Starts one connection on {@code loop}; {@code outcome} is told how it went, once. */
    private Channel connect(HandshakeTarget target, SessionMode mode, SslContext context, EventLoop loop,
            Consumer<HandshakeOutcome> outcome) {
        return connect(target, mode, AfterHandshake.nothing(config.handshakeTimeout()), context, loop, outcome)
                .channel();
    }

    private HandshakeConnection connect(HandshakeTarget target, SessionMode mode, AfterHandshake after,
            SslContext context, EventLoop loop, Consumer<HandshakeOutcome> outcome) {
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
        long bound = config.connectTimeout().toMillis() + handshake + prelude + afterTls + after.extraMillis();
        HandshakeConnection connection = new HandshakeConnection(target, mode, after, contexts.trustManager(), channel,
                ssl, prelude, bound, outcome);
        connection.start(loop);
        return connection;
    }

    /** Stops this client's own event loops; a client made through an engine leaves the engine's alone. */
    @Override
    public void close() {
        if (gate == null) {
            transport.close();
        }
    }
}
