package io.tlsweep.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.metrics.OutcomeClass;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.probe.ProbePlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.text.IpLiteral;
import io.tlsweep.wire.ClientHelloEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Drives one target's plan to the end on one event loop: every call on the plan, every channel of the
 * target and every field here belong to that loop. Steps wait in order for a permit of the endpoint's service
 * (when its protocol has limits of its own, {@link ServiceLimits}), a host permit, a global permit and a rate slot
 * (the address's and the service's), then go out each on its own {@link HelloExchange}, or, for a step held with a
 * real TLS stack ({@link ProbeStep#real()}), on its own {@link RealStackExchange}: the same permits, the same rate,
 * one connection. A real step no local stack can offer completes at once, with no connection.
 *
 * <p>This class is the one boundary where exceptions are caught wholesale: a plan (or planner) that throws
 * is a bug in that plan, so the target ends as {@link EngineResult.Status#PLAN_ERROR} and the run goes on.
 *
 * <p>An IP literal host ({@link IpLiteral}: IPv4, IPv6, bracketed IPv6) is used as it is; only a name goes to the
 * resolver. A host meant as a literal but malformed ({@code 010.0.0.1}, {@code fe80::1%eth0}) is never looked up:
 * the target ends as {@link EngineResult.Status#DNS_FAILURE} with the reason. Before the first connect, the address
 * (the literal, or what the name resolved to) is checked against the configured scope; one out of scope ends the
 * target as {@link EngineResult.Status#EXCLUDED} with no connection.
 *
 * <p>Once a connect to the endpoint was refused or timed out ({@link FailureKind#endsTarget()}), steps not
 * yet sent are completed at once with that failure and no connection: a dead endpoint costs one timeout per
 * target, never one per step.
 */
final class TargetDriver<T, P extends ProbePlan> implements Exchange.Listener, PermitGate.Waiter {
    /** Steps completed without a connection after which a plan that keeps offering more is a bug. */
    private static final int MAX_UNSENT_STEPS = 100_000;

    /** A step waiting for its permits: the hello's bytes, or the spec of the real stack that holds it. */
    private record Queued(ProbeStep step, byte[] hello, Optional<HandshakeSpec> real, int rank) {
    }

    private final EngineRun<T, P> run;
    private final EngineParts parts;
    private final HandshakeClient handshakes;
    private final EventLoop loop;
    private final T target;
    private final long startNanos = System.nanoTime();
    private final long[] outcomes = new long[OutcomeClass.values().length];
    /** Steps waiting for a connection, by rank (lower first), in the order offered within a rank. */
    private final java.util.LinkedList<Queued> pending = new java.util.LinkedList<>();
    private final List<Exchange> live = new ArrayList<>(4);
    private Endpoint endpoint;
    private P plan;
    private InetAddress address;
    private boolean literalHost;
    private InetSocketAddress remote;
    private HostGate host;
    private HostGate.Service service;
    private ServiceLimits limits = ServiceLimits.NONE;
    private HeldPermits permits;
    private ScheduledFuture<?> budgetTimer;
    private boolean retryScheduled;
    private boolean advancing;
    private boolean advanceAgain;
    private Failure deadEndpoint;
    private int unsent;
    private int connections;
    private boolean ending;
    private boolean ended;
    private EngineResult.Status status = EngineResult.Status.DONE;
    private Failure targetFailure;

    TargetDriver(EngineRun<T, P> run, EngineParts parts, HandshakeClient handshakes, EventLoop loop, T target) {
        this.run = run;
        this.parts = parts;
        this.handshakes = handshakes;
        this.loop = loop;
        this.target = target;
    }

    /** Starts on the driver's loop; may be called from any thread. */
    void start(Function<? super T, Endpoint> endpointOf, Function<? super T, ? extends P> planner) {
        loop.execute(() -> begin(endpointOf, planner));
    }

    private void begin(Function<? super T, Endpoint> endpointOf, Function<? super T, ? extends P> planner) {
        long budget = parts.config().targetBudget().toMillis();
        budgetTimer = loop.schedule(() -> end(EngineResult.Status.BUDGET_EXCEEDED, Failure.of(
                FailureKind.READ_TIMEOUT, "target budget of " + budget + " ms exceeded after "
                        + connections + " connections")), budget, TimeUnit.MILLISECONDS);
        try {
            endpoint = endpointOf.apply(target);
            plan = planner.apply(target);
        } catch (RuntimeException e) {
            planError(e, "creating the plan");
            return;
        }
        IpLiteral.Parsed literal = IpLiteral.parse(endpoint.host());
        if (literal instanceof IpLiteral.Address a) {
            literalHost = true;
            resolved(inetAddress(a.bytes()), null);
            return;
        }
        if (literal instanceof IpLiteral.Malformed m) {
            end(EngineResult.Status.DNS_FAILURE, Failure.of(FailureKind.DNS_FAILURE, m.why()
                    + " (not looked up as a name)"));
            return;
        }
        parts.resolver().resolve(endpoint.host())
                .whenComplete((a, e) -> loop.execute(() -> resolved(a, e)));
    }

    /** The address of a literal, made from its bytes: {@code getByAddress} never resolves. */
    private static InetAddress inetAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal of " + bytes.length + " bytes", e);
        }
    }

    private void resolved(InetAddress a, Throwable error) {
        if (ending) {
            return;
        }
        if (error != null || a == null) {
            Throwable cause = error != null && error.getCause() != null ? error.getCause() : error;
            end(EngineResult.Status.DNS_FAILURE, Failure.of(FailureKind.DNS_FAILURE, "could not resolve "
                    + endpoint.host() + (cause != null ? ": " + cause.getMessage() : "")));
            return;
        }
        address = a;
        Optional<String> refusal = parts.config().scope().refusal(a.getAddress());
        if (refusal.isPresent()) {
            end(EngineResult.Status.EXCLUDED, Failure.of(FailureKind.EXCLUDED, (literalHost ? endpoint.host()
                    : endpoint.host() + " resolved to " + IpLiteral.format(a.getAddress())) + ": " + refusal.get()));
            return;
        }
        remote = new InetSocketAddress(a, endpoint.port());
        host = parts.hosts().acquire(a);
        limits = parts.config().service(endpoint.protocol());
        service = endpoint.protocol().map(p -> host.service(p, limits)).orElse(null);
        permits = new HeldPermits(service == null ? null : service.connections, host.connections, parts.inFlight());
        advance();
    }

    /** Takes what the plan offers and sends what the limits allow; never re-entered. */
    private void advance() {
        if (advancing) {
            advanceAgain = true;
            return;
        }
        advancing = true;
        try {
            do {
                advanceAgain = false;
                offerAndSend();
            } while (advanceAgain && !ending);
        } catch (RuntimeException e) {
            planError(e, "ready/complete/done");
        } finally {
            advancing = false;
        }
    }

    private void offerAndSend() {
        if (ending) {
            return;
        }
        List<ProbeStep> offered = plan.ready();
        for (ProbeStep s : offered) {
            if (s.real().isEmpty()) {
                queue(new Queued(s, ClientHelloEncoder.encode(s.hello()), Optional.empty(), plan.rank(s)));
                continue;
            }
            Optional<HandshakeSpec> spec = handshakes.specFor(s.hello(), s.real().get().renegotiate(),
                    s.real().get().tap());
            if (spec.isPresent()) {
                queue(new Queued(s, new byte[0], spec, plan.rank(s)));
            } else {
                plan.complete(s, new ConnectionOutcome.NoReply(Failure.of(FailureKind.INTERNAL_ERROR, "not sent: no"
                        + " local TLS stack can offer " + s.hello().highestOffered() + " with " + suites(s.hello())
                        + (s.real().get().renegotiate() ? " and renegotiate" : "") + " (BoringSSL's build, the JDK's"
                        + " and Bouncy Castle's jdk.tls.disabledAlgorithms)"), Timings.NONE));
                advanceAgain = true;
            }
        }
        if (advanceAgain && pending.isEmpty() && live.isEmpty()) {
            return; // what was completed at once may make the plan offer more
        }
        if (deadEndpoint != null && !pending.isEmpty()) {
            completeUnsent();
            advanceAgain = true;
            return;
        }
        if (pending.isEmpty() && live.isEmpty()) {
            if (plan.done()) {
                end(EngineResult.Status.DONE, null);
            } else {
                end(EngineResult.Status.PLAN_ERROR, Failure.of(FailureKind.INTERNAL_ERROR,
                        "plan offered no step, had none outstanding and was not done"));
            }
            return;
        }
        send();
    }

    /** The suites of {@code hello} for a message: the first three by name, then how many more. */
    private static String suites(io.tlsweep.wire.ClientHelloSpec hello) {
        List<String> names = hello.cipherSuites().stream().filter(c -> !c.isScsv()).map(c -> c.ianaName()).toList();
        return String.join(", ", names.subList(0, Math.min(3, names.size())))
                + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
    }

    private void queue(Queued q) {
        java.util.ListIterator<Queued> at = pending.listIterator(pending.size());
        while (at.hasPrevious()) {
            if (at.previous().rank() <= q.rank()) {
                at.next();
                break;
            }
        }
        at.add(q);
    }

    private void completeUnsent() {
        while (!pending.isEmpty() && !ending) {
            if (++unsent > MAX_UNSENT_STEPS) {
                throw new IllegalStateException("plan kept offering steps to a dead endpoint");
            }
            Queued q = pending.poll();
            Failure f = Failure.of(deadEndpoint.kind(), "not sent: " + endpoint + " already failed ("
                    + deadEndpoint.detail() + ")");
            plan.complete(q.step(), new ConnectionOutcome.NoReply(f, Timings.NONE));
        }
    }

    /** Sends queued steps while a service permit, a host permit, a global permit and a rate slot are at hand. */
    private void send() {
        while (!pending.isEmpty() && !ending) {
            if (!permits.takeAll(this)) {
                return;
            }
            long wait = host.reserve(System.nanoTime(), service);
            if (wait > 0) {
                permits.giveBackGlobal();
                retryAfter(wait);
                return;
            }
            permits.handedOver();
            Queued q = pending.poll();
            connections++;
            if (q.real().isPresent()) {
                RealStackExchange exchange = new RealStackExchange(q.step(), q.real().get());
                live.add(exchange);
                exchange.start(handshakes, loop, remote, parts.config().readTimeout(),
                        RealStackExchange.maxBytes(parts.config().maxResponseBytes()), this);
                continue;
            }
            HelloExchange exchange = new HelloExchange(q.step(), q.hello(), remote, this,
                    parts.config().readTimeout().toMillis(),
                    limits.preludeTimeout().orElse(parts.config().readTimeout()).toMillis(),
                    parts.config().maxResponseBytes());
            live.add(exchange);
            exchange.start(parts.transport().newSocketChannel(), loop);
        }
        if (pending.isEmpty()) {
            permits.releaseHeld();
        }
    }

    private void retryAfter(long nanos) {
        if (!retryScheduled) {
            retryScheduled = true;
            loop.schedule(() -> {
                retryScheduled = false;
                advance();
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void granted(PermitGate gate) {
        try {
            loop.execute(() -> onGranted(gate));
        } catch (RejectedExecutionException e) {
            // the engine is closing (a run stopped early): this target's loop is gone and nothing more runs for it
        }
    }

    private void onGranted(PermitGate gate) {
        permits.granted(gate);
        if (ending) {
            permits.releaseHeld();
            finishIfQuiet();
        } else {
            advance();
        }
    }

    @Override
    public void ended(Exchange exchange, ConnectionOutcome outcome) {
        live.remove(exchange);
        permits.returned();
        parts.metrics().record(exchange.step().hello().highestOffered(), outcome);
        outcomes[OutcomeClass.of(outcome).ordinal()]++;
        if (ending) {
            finishIfQuiet();
            return;
        }
        if (outcome instanceof ConnectionOutcome.NoReply n && n.failure().kind().endsTarget()
                && !(n.failure().kind().prelude() && exchange.step().prelude().filter(Prelude::question)
                        .isPresent())) {
            deadEndpoint = n.failure();
        }
        try {
            plan.complete(exchange.step(), outcome);
        } catch (RuntimeException e) {
            planError(e, "complete(step " + exchange.step().id() + ")");
            return;
        }
        advance();
    }

    private void planError(RuntimeException e, String where) {
        StackTraceElement[] trace = e.getStackTrace();
        end(EngineResult.Status.PLAN_ERROR, Failure.of(FailureKind.INTERNAL_ERROR, "plan threw " + e + " in "
                + where + (trace.length > 0 ? " at " + trace[0] : "")));
    }

    /** Stops offering steps and closes what is open; the result goes out once every exchange has ended. */
    private void end(EngineResult.Status how, Failure failure) {
        if (ending) {
            return;
        }
        ending = true;
        status = how;
        targetFailure = failure;
        budgetTimer.cancel(false);
        pending.clear();
        if (permits != null) {
            permits.releaseHeld();
            permits.cancelWaits(this);
        }
        for (Exchange exchange : List.copyOf(live)) {
            exchange.abort("target ended: " + how);
        }
        finishIfQuiet();
    }

    private void finishIfQuiet() {
        if (ended || !live.isEmpty() || permits != null && !permits.idle()) {
            return;
        }
        ended = true;
        if (host != null) {
            parts.hosts().release(address);
        }
        run.targetEnded(new EngineResult<>(target, Optional.ofNullable(address), plan, status,
                Optional.ofNullable(targetFailure), connections, System.nanoTime() - startNanos), outcomes);
    }
}
