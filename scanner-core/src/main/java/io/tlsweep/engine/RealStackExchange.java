package io.tlsweep.engine;

import io.netty.channel.EventLoop;
import io.tlsweep.engine.handshake.AfterHandshake;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeOutcome;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.HandshakeTimings;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.probe.RealExchange;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.RealHandshake;
import io.tlsweep.result.Timings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One step held with a real TLS stack ({@link RealExchange}): a handshake the {@link HandshakeClient} runs on the
 * driver's loop, under the permits the driver took for it, told back as a {@link ConnectionOutcome.Handshook} or
 * as a {@link ConnectionOutcome.NoReply} with the stack's failure.
 */
final class RealStackExchange implements Exchange {
    /** The name a codec's protocol goes by on a connection without a prelude. */
    private static final String DIRECT = "tls";

    private final ProbeStep step;
    private final HandshakeSpec spec;
    private HandshakeClient.Held held;

    RealStackExchange(ProbeStep step, HandshakeSpec spec) {
        this.step = step;
        this.spec = spec;
    }

    /**
     * The most bytes read on a real stack's connection: four times a hello's bound, as it reads a whole flight (two
     * with a renegotiation) and an answer over TLS.
     */
    static int maxBytes(int maxResponseBytes) {
        return (int) Math.min(Integer.MAX_VALUE, 4L * maxResponseBytes);
    }

    @Override
    public ProbeStep step() {
        return step;
    }

    /** Connects on {@code loop} (the driver's own) and starts the handshake. */
    void start(HandshakeClient client, EventLoop loop, InetSocketAddress remote, Duration readTimeout, int maxBytes,
            Listener listener) {
        RealExchange real = step.real().orElseThrow();
        HandshakeTarget target = new HandshakeTarget(remote, step.hello().serverName(), step.prelude());
        AfterHandshake after = new AfterHandshake(real.afterTls().map(Supplier::get),
                step.prelude().map(Prelude::protocol).orElse(DIRECT), real.renegotiate(), real.tap(), readTimeout,
                maxBytes);
        held = client.hold(loop, target, spec, after, o -> listener.ended(this, outcome(o)));
    }

    @Override
    public void abort(String why) {
        if (held != null) {
            held.abort(why);
        }
    }

    private ConnectionOutcome outcome(HandshakeOutcome o) {
        if (o instanceof HandshakeOutcome.Established e) {
            return new ConnectionOutcome.Handshook(e.prelude(), new RealHandshake(spec.provider().label(),
                    e.version(), e.cipherSuite(), e.resumed(), e.after().tap(), e.after().renegotiation(),
                    e.after().afterTls()), timings(e.timings()));
        }
        HandshakeOutcome.Failed f = (HandshakeOutcome.Failed) o;
        return new ConnectionOutcome.NoReply(f.failure(), timings(f.timings()));
    }

    private static Timings timings(HandshakeTimings t) {
        return new Timings(t.connectNanos(), t.handshakeNanos(), t.totalNanos());
    }
}
