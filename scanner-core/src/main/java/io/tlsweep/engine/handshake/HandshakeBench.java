package io.tlsweep.engine.handshake;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link BenchPlan} on a {@link HandshakeClient}: closed loop (N workers, each starting its next
 * handshake when the previous ends) or fixed rate (starts scheduled from the start time; latency measured
 * from the intended start, as HdrHistogram's documentation recommends, so a stalled server's backlog shows
 * in the percentiles instead of being omitted). Bounded by the plan's duration and count, and by a hard
 * deadline of duration + connect and handshake timeouts + 5 s. It stops early when
 * {@value #REFUSALS_TO_STOP} connections in a row are refused: nothing listens there, and going on would only
 * hammer the address with connection attempts.
 */
public final class HandshakeBench {
    /** Refused connections in a row that end a run. */
    public static final int REFUSALS_TO_STOP = 5;
    private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final HandshakeClient client;
    private final long timeoutNanos;

    public HandshakeBench(HandshakeClient client, HandshakeClientConfig config) {
        this.client = client;
        this.timeoutNanos = config.connectTimeout().toNanos() + config.handshakeTimeout().toNanos() + SLACK_NANOS;
    }

    /**
     * Runs the plan and blocks until it is over.
     *
     * @throws IllegalArgumentException when the plan's spec cannot be configured on its provider
     */
    public BenchResult run(BenchPlan plan) throws InterruptedException {
        client.prepare(plan.spec());
        BenchTally tally = new BenchTally(plan.rawSampleLimit());
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long end = start + plan.duration().toNanos();
        boolean complete;
        long notStarted = 0;
        if (plan.mode() == BenchPlan.Mode.CLOSED_LOOP) {
            complete = closedLoop(plan, tally, end);
        } else {
            long[] missed = new long[1];
            complete = fixedRate(plan, tally, start, end, missed);
            notStarted = missed[0];
        }
        long elapsed = System.nanoTime() - start;
        Histogram latency = tally.latency.getIntervalHistogram();
        Histogram service = tally.serviceTime.getIntervalHistogram();
        for (Histogram h : new Histogram[] {latency, service}) {
            h.setStartTimeStamp(startMillis);
            h.setEndTimeStamp(startMillis + elapsed / 1_000_000);
        }
        return new BenchResult(plan, tally.started.sum(), tally.established.sum(), tally.resumed.sum(),
                tally.errors(), notStarted, tally.negotiated(), elapsed, complete, latency, service,
                tally.rawSamples(), tally.refusedInARow(REFUSALS_TO_STOP));
    }

    private boolean closedLoop(BenchPlan plan, BenchTally tally, long end) throws InterruptedException {
        AtomicLong budget = new AtomicLong(plan.maxHandshakes());
        CountDownLatch workersDone = new CountDownLatch(plan.concurrency());
        for (int i = 0; i < plan.concurrency(); i++) {
            nextInLoop(plan, tally, end, budget, workersDone);
        }
        return workersDone.await(end - System.nanoTime() + timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Starts this worker's next handshake, or ends the worker when time or count is used up. */
    private void nextInLoop(BenchPlan plan, BenchTally tally, long end, AtomicLong budget, CountDownLatch done) {
        while (System.nanoTime() < end && !tally.refusedInARow(REFUSALS_TO_STOP) && budget.getAndDecrement() > 0) {
            tally.started.increment();
            long t0 = System.nanoTime();
            CompletionStage<HandshakeOutcome> stage = client.handshake(plan.target(), plan.spec(), plan.sessions());
            if (!stage.toCompletableFuture().isDone()) {
                stage.thenAccept(outcome -> {
                    tally.record(outcome, t0, t0, System.nanoTime());
                    nextInLoop(plan, tally, end, budget, done);
                });
                return;
            }
            tally.record(stage.toCompletableFuture().join(), t0, t0, System.nanoTime()); // completed at once
        }
        done.countDown();
    }

    private boolean fixedRate(BenchPlan plan, BenchTally tally, long start, long end, long[] notStarted)
            throws InterruptedException {
        double intervalNanos = 1e9 / plan.ratePerSecond();
        Semaphore slots = new Semaphore(plan.concurrency());
        for (long i = 0; i < plan.maxHandshakes(); i++) {
            long intended = start + (long) (i * intervalNanos);
            if (intended >= end || tally.refusedInARow(REFUSALS_TO_STOP)) {
                break;
            }
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire(end - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                long remaining = (long) Math.ceil((end - intended) / intervalNanos);
                notStarted[0] = Math.min(remaining, plan.maxHandshakes() - i);
                break;
            }
            tally.started.increment();
            long actual = System.nanoTime();
            client.handshake(plan.target(), plan.spec(), plan.sessions()).thenAccept(outcome -> {
                tally.record(outcome, intended, actual, System.nanoTime());
                slots.release();
            });
        }
        return slots.tryAcquire(plan.concurrency(), timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
