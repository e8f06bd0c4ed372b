package io.tlsweep.engine.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.PreludeFactsAfterTls;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.wire.HandshakeTap;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * One connection carrying one full handshake: register, connect, run the target's prelude if it has one
 * ({@link PreludeHandler}, which puts the SslHandler in place once TLS may start), let the {@link SslHandler}
 * handshake, then do what is asked after it ({@link AfterHandshake}: a client-initiated renegotiation, the prelude's
 * or the caller's question over TLS, {@link AfterTlsHandler}), and report exactly one {@link HandshakeOutcome},
 * whatever happens, on the connection's event loop. When asked, it reads the handshake messages that cross in clear
 * ({@link HandshakeTap}) from the raw bytes it sees.
 *
 * <p>It sits at the head of the pipeline, before the prelude and the SslHandler, so it sees raw bytes (counted
 * from the start of TLS, passed on untouched) and transport errors (a reset) first. Bounded three ways: the
 * channel's connect timeout, the prelude's and the SslHandler's handshake timeouts (and one read timeout for each
 * thing asked after the handshake), and a last-resort deadline past them; in bytes by {@link AfterHandshake#maxBytes}.
 */
final class HandshakeConnection extends ChannelInboundHandlerAdapter implements PreludeHandler.Listener {
    private static final long SESSION_TICKET_WAIT_MILLIS = 200;
    private static final long DEADLINE_SLACK_MILLIS = 1000;

    private final HandshakeTarget target;
    private final SessionMode mode;
    private final AfterHandshake asked;
    private final HandshakeTap tap;
    private final CapturingTrustManager trust;
    private final Consumer<HandshakeOutcome> listener;
    private final Channel channel;
    private final SslHandler ssl;
    private final long preludeTimeoutMillis;
    private final long deadlineMillis;
    private long startNanos;
    private long connectNanos = -1;
    private long handshakeNanos = -1;
    private long bytesReceived;
    private IOException transportError;
    private HandshakeOutcome.Established awaitingTicket;
    private AfterTlsHandler afterTls;
    private HandshakeOutcome.Established awaitingAfterTls;
    private HandshakeOutcome.Established renegotiating;
    private ScheduledFuture<?> renegotiationWait;
    private Optional<RealHandshake.Renegotiation> renegotiation = Optional.empty();
    private Optional<AuthAfterTls> learned = Optional.empty();
    private boolean tlsStarted;
    private PreludeFacts preludeFacts;
    private ScheduledFuture<?> deadline;
    private boolean ended;

    /**
     * @param preludeTimeoutMillis how long the whole prelude may take, when the target has one
     * @param deadlineMillis the last-resort bound of the whole connection (before the slack)
     */
    HandshakeConnection(HandshakeTarget target, SessionMode mode, AfterHandshake asked, CapturingTrustManager trust,
            Channel channel, SslHandler ssl, long preludeTimeoutMillis, long deadlineMillis,
            Consumer<HandshakeOutcome> listener) {
        this.target = target;
        this.mode = mode;
        this.asked = asked;
        this.tap = asked.tap() ? new HandshakeTap(asked.maxBytes()) : null;
        this.tlsStarted = target.prelude().isEmpty();
        this.trust = trust;
        this.channel = channel;
        this.ssl = ssl;
        this.preludeTimeoutMillis = preludeTimeoutMillis;
        this.deadlineMillis = deadlineMillis + DEADLINE_SLACK_MILLIS;
        this.listener = listener;
        target.serverName().ifPresent(name -> {
            SSLParameters parameters = ssl.engine().getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(name)));
            ssl.engine().setSSLParameters(parameters);
        });
    }

    /** Registers the channel on {@code loop} and connects; everything after runs on that loop. */
    void start(EventLoop loop) {
        startNanos = System.nanoTime();
        channel.pipeline().addLast(this, target.prelude().<ChannelHandler>map(p -> new PreludeHandler(p, ssl,
                preludeTimeoutMillis, this)).orElse(ssl));
        if (asked.afterTls().isPresent()) {
            addAfterTls(target.prelude().map(p -> p.protocol()).orElse(asked.afterTlsProtocol()),
                    asked.afterTls().get(), asked.readTimeout().toMillis());
        } else {
            target.prelude().ifPresent(p -> p.afterTls().ifPresent(codec -> addAfterTls(p.protocol(), codec,
                    preludeTimeoutMillis)));
        }
        channel.pipeline().addLast(new ExceptionSink());
        ssl.handshakeFuture().addListener(this::handshakeDone);
        loop.register(channel).addListener((ChannelFuture registered) -> {
            if (!registered.isSuccess()) {
                end(failed(Failure.of(FailureKind.INTERNAL_ERROR, "cannot register: " + registered.cause())));
                return;
            }
            deadline = loop.schedule(this::deadlinePassed, deadlineMillis, TimeUnit.MILLISECONDS);
            channel.connect(target.address()).addListener(this::connected);
        });
    }

    private void addAfterTls(String protocol, AfterTlsCodec codec, long timeoutMillis) {
        afterTls = new AfterTlsHandler(protocol, codec, timeoutMillis, this::learnedAfterTls);
        channel.pipeline().addLast(afterTls); // after the SslHandler, which the prelude puts before it
    }

    Channel channel() {
        return channel;
    }

    /** Ends the connection now, before its outcome is in (the caller's target is over). */
    void abort(String why) {
        if (!ended) {
            end(failed(Failure.of(FailureKind.READ_TIMEOUT, "closed unfinished: " + why)));
        }
    }

    private void connected(Future<? super Void> f) {
        if (ended) {
            return;
        }
        if (f.isSuccess()) {
            connectNanos = System.nanoTime() - startNanos;
        } else {
            end(failed(HandshakeFailures.connectFailure(f.cause(), target.hostPort(),
                    channel.config().getConnectTimeoutMillis())));
        }
    }

    private void handshakeDone(Future<? super Channel> f) {
        if (ended) {
            return;
        }
        if (!f.isSuccess()) {
            end(failed(HandshakeFailures.classify(f.cause(), transportError, bytesReceived, target.hostPort())));
            return;
        }
        handshakeNanos = System.nanoTime() - startNanos;
        SSLEngine engine = ssl.engine();
        HandshakeOutcome outcome = SessionFacts.read(engine, trust.take(engine), timings());
        if (outcome instanceof HandshakeOutcome.Established e && preludeFacts != null) {
            outcome = e.withPrelude(Optional.of(preludeFacts));
        }
        if (asked.renegotiate() && outcome instanceof HandshakeOutcome.Established e) {
            renegotiate(e);
            return;
        }
        afterHandshake(outcome);
    }

    /** Asks for a second handshake on the connection, TLS 1.2 and older; the outcome waits for how it went. */
    private void renegotiate(HandshakeOutcome.Established e) {
        if (e.version().code() > 0x0303) {
            renegotiation = Optional.of(new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.NOT_ASKED,
                    Optional.empty(), e.version() + " has no renegotiation"));
            afterHandshake(e);
            return;
        }
        renegotiating = e;
        renegotiationWait = channel.eventLoop().schedule(() -> renegotiated(new RealHandshake.Renegotiation(
                RealHandshake.RenegotiationOutcome.NO_ANSWER, Optional.empty(), "no answer within "
                        + asked.readTimeout().toMillis() + " ms")), asked.readTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ssl.renegotiate().addListener(f -> renegotiated(f.isSuccess()
                    ? new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.ACCEPTED, Optional.empty(),
                            "a second handshake completed")
                    : HandshakeFailures.renegotiation(f.cause(), transportError)));
        } catch (RuntimeException cannot) { // a stack that cannot renegotiate says so at once
            renegotiated(new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.NOT_ASKED,
                    Optional.empty(), "the client stack cannot renegotiate: " + cannot.getMessage()));
        }
    }

    private void renegotiated(RealHandshake.Renegotiation how) {
        if (renegotiating == null || ended) {
            return;
        }
        HandshakeOutcome.Established e = renegotiating;
        renegotiating = null;
        renegotiationWait.cancel(false);
        renegotiation = Optional.of(how);
        if (how.outcome() == RealHandshake.RenegotiationOutcome.ACCEPTED) {
            afterHandshake(e);
        } else {
            end(e);
        }
    }

    /** The handshake (and the renegotiation) is done: ask over TLS, wait for a TLS 1.3 ticket, or end. */
    private void afterHandshake(HandshakeOutcome outcome) {
        if (afterTls != null && outcome instanceof HandshakeOutcome.Established e) {
            awaitingAfterTls = e; // ask over TLS; the outcome waits for the answer, within its timeout
            afterTls.begin();
            return;
        }
        if (mode == SessionMode.RESUMABLE && outcome instanceof HandshakeOutcome.Established e
                && e.version().code() == 0x0304 && !e.resumed()) {
            awaitingTicket = e; // keep the connection until the NewSessionTicket is in
            channel.eventLoop().schedule(this::ticketWaitOver, SESSION_TICKET_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        end(outcome);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            bytesReceived += buf.readableBytes();
            if (tap != null && tlsStarted && !tap.stopped()) {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                tap.received(bytes, 0, bytes.length);
            }
            if (bytesReceived > asked.maxBytes()) {
                ReferenceCountUtil.release(msg);
                tooMuch();
                return;
            }
        }
        ctx.fireChannelRead(msg);
        ticketWaitOver(); // the SslHandler has now processed what came after the handshake, if anything
    }

    private void tooMuch() {
        if (ended) {
            return;
        }
        HandshakeOutcome.Established done = awaitingAfterTls != null ? awaitingAfterTls
                : renegotiating != null ? renegotiating : awaitingTicket;
        if (renegotiating != null) {
            renegotiation = Optional.of(new RealHandshake.Renegotiation(RealHandshake.RenegotiationOutcome.NO_ANSWER,
                    Optional.empty(), "more than " + asked.maxBytes() + " bytes without a second handshake"));
        }
        end(done != null ? done : failed(Failure.of(FailureKind.MALFORMED_REPLY, target.hostPort() + " sent more than "
                + asked.maxBytes() + " bytes without completing the handshake")));
    }

    private void learnedAfterTls(Optional<AuthAfterTls> learned) {
        if (awaitingAfterTls == null || ended) {
            return;
        }
        this.learned = learned;
        Optional<PreludeFacts> joined = awaitingAfterTls.prelude().map(before -> learned
                .filter(after -> after.protocol().equals(before.protocol()))
                .<PreludeFacts>map(after -> new PreludeFactsAfterTls(before, after)).orElse(before));
        end(awaitingAfterTls.withPrelude(joined));
    }

    private void ticketWaitOver() {
        if (awaitingTicket != null && !ended) {
            end(awaitingTicket);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException io && transportError == null) {
            transportError = io; // a reset: the SslHandler fails the handshake once the channel closes
        }
        ctx.close();
    }

    @Override
    public void tlsStarted(PreludeFacts facts) {
        bytesReceived = 0; // what the handshake failures say counts TLS bytes
        preludeFacts = facts;
        tlsStarted = true;
    }

    @Override
    public void preludeFailed(Failure failure) {
        if (!ended) {
            end(failed(failure));
        }
    }

    @Override
    public void preludeCut() {
        if (ended) {
            return;
        }
        String during = " during the " + target.prelude().map(p -> p.protocol()).orElse("") + " prelude";
        end(failed(transportError != null
                ? Failure.of(FailureKind.RESET_BEFORE_REPLY, "connection reset by " + target.hostPort() + during
                        + " (" + transportError.getMessage() + ")")
                : Failure.of(FailureKind.CLOSED_BEFORE_REPLY, "connection closed by " + target.hostPort() + during)));
    }

    private void deadlinePassed() {
        if (!ended) {
            end(failed(Failure.of(FailureKind.READ_TIMEOUT, "no outcome from " + target.hostPort() + " within "
                    + deadlineMillis + " ms")));
        }
    }

    private HandshakeTimings timings() {
        return new HandshakeTimings(connectNanos, handshakeNanos, System.nanoTime() - startNanos);
    }

    private HandshakeOutcome failed(Failure failure) {
        return new HandshakeOutcome.Failed(failure, timings());
    }

    private void end(HandshakeOutcome outcome) {
        ended = true;
        awaitingTicket = null;
        awaitingAfterTls = null;
        renegotiating = null;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (renegotiationWait != null) {
            renegotiationWait.cancel(false);
        }
        if (outcome instanceof HandshakeOutcome.Established e) {
            outcome = e.withAfter(new HandshakeOutcome.After(Optional.ofNullable(tap).map(t -> {
                HandshakeTap.Seen seen = t.seen();
                return new RealHandshake.Tap(seen.sessionId(), seen.ticket(), seen.extendedMasterSecret());
            }), renegotiation, learned));
        }
        trust.forget(ssl.engine());
        channel.close();
        listener.accept(outcome);
    }

    /** Takes exceptions that passed the SslHandler (its decode errors): the handshake future has them too. */
    private static final class ExceptionSink extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
