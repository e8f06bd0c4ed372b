package io.tlsweep.run;

import io.tlsweep.result.Confirmation;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.RealStackCheck;
import io.tlsweep.scan.TlsScanner;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The run's real-stack stage, in one place: every scanned target is confirmed with a real TLS handshake (the
 * best version's, or one per accepted version) before its line is written. The handshakes go through the
 * scanner's engine, under the same global cap, per-host cap and per-host rate as the scan; the stage returned
 * by {@link #confirm} keeps the target among the engine's active targets until its line is written, which holds
 * the engine back when confirmations or the writer lag.
 */
final class RealStackStage {
    private final RealStackCheck check;
    private final boolean enabled;
    private final boolean eachVersion;

    /**
     * @param enabled false: no handshake, every target goes on with no confirmation
     * @param eachVersion one handshake per accepted version instead of the best version's alone
     */
    RealStackStage(TlsScanner scanner, boolean enabled, boolean eachVersion) {
        this.check = new RealStackCheck(scanner.handshakes(), scanner.preludes());
        this.enabled = enabled;
        this.eachVersion = eachVersion;
    }

    /**
     * Confirms {@code r}, then runs {@code write} with its confirmations (oldest version first, best last; empty
     * when there are none) on {@code writer}; the returned stage completes once {@code write} has run.
     */
    CompletionStage<Void> confirm(TargetResult r, Executor writer, Consumer<List<Confirmation>> write) {
        CompletionStage<List<Confirmation>> confirmed = enabled ? confirmations(r)
                : CompletableFuture.completedFuture(List.of());
        CompletableFuture<Void> written = new CompletableFuture<>();
        confirmed.whenComplete((found, failure) -> writer.execute(() -> {
            try {
                write.accept(found == null ? List.of() : found);
            } finally {
                written.complete(null);
            }
        }));
        return written;
    }

    /** The best version's confirmation alone, or one per accepted version (oldest first, best last). */
    private CompletionStage<List<Confirmation>> confirmations(TargetResult r) {
        if (eachVersion) {
            return check.confirmEachVersion(r);
        }
        return check.confirm(r).thenApply(c -> c == null ? List.of() : List.of(c));
    }
}
