package io.tlsweep.run;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeClientConfig;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.RealStackCheck;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The run's real-stack stage, in one place: every scanned target is confirmed with a real TLS handshake (the
 * best version's, or one per accepted version) before its line is written. At most {@value #CONFIRMING}
 * targets are between scan and written line at once, which holds the engine back when confirmations or the
 * writer lag; a slot is freed when the target's line has been written.
 */
final class RealStackStage implements AutoCloseable {
    static final int CONFIRMING = 64;

    private final Semaphore confirming = new Semaphore(CONFIRMING);
    private final HandshakeClient handshakes;
    private final RealStackCheck check;
    private final boolean enabled;
    private final boolean eachVersion;
    private final RunStop stop;

    /**
     * @param enabled false: no handshake, every target goes on with no confirmation
     * @param eachVersion one handshake per accepted version instead of the best version's alone
     */
    RealStackStage(EngineConfig engine, boolean enabled, boolean eachVersion, RunStop stop) {
        this.handshakes = new HandshakeClient(HandshakeClientConfig.defaults()
                .withTimeouts(engine.connectTimeout(), engine.readTimeout()));
        this.check = new RealStackCheck(handshakes);
        this.enabled = enabled;
        this.eachVersion = eachVersion;
        this.stop = stop;
    }

    /**
     * Confirms {@code r}, then runs {@code write} with its confirmations (oldest version first, best last; empty
     * when there are none) on {@code writer}. Waits for a free slot while the run goes on; false, with nothing
     * done, once the run is stopped.
     */
    boolean confirm(TargetResult r, Executor writer, Consumer<List<Confirmation>> write) {
        if (!acquire()) {
            return false;
        }
        CompletionStage<List<Confirmation>> confirmed = enabled ? confirmations(r)
                : CompletableFuture.completedFuture(List.of());
        confirmed.whenComplete((found, failure) -> writer.execute(() -> {
            try {
                write.accept(found == null ? List.of() : found);
            } finally {
                confirming.release();
            }
        }));
        return true;
    }

    /** Waits until every target handed to {@link #confirm} has been written, or the run is stopped. */
    void awaitAll() {
        for (int held = 0; held < CONFIRMING; held++) {
            if (!acquire()) {
                return;
            }
        }
    }

    /** A slot, waiting while the run goes on; false once it is stopped. */
    private boolean acquire() {
        try {
            while (!confirming.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (stop.stopped()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The best version's confirmation alone, or one per accepted version (oldest first, best last). */
    private CompletionStage<List<Confirmation>> confirmations(TargetResult r) {
        if (eachVersion) {
            return check.confirmEachVersion(r);
        }
        return check.confirm(r).thenApply(c -> c == null ? List.of() : List.of(c));
    }

    @Override
    public void close() {
        handshakes.close();
    }
}
