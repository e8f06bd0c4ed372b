package io.tlsweep.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Why a run stops before its input is exhausted: an output it cannot write (a full disk), or the user's
 * interrupt (Ctrl-C, SIGTERM). The first reason wins; a run that stops writes nothing more than what is already
 * whole in its journal, which {@code --resume} finishes.
 */
public final class RunStop {
    /** What stopped the run, in words for the user. */
    public sealed interface Reason permits WriteFailed, Interrupted {
        String describe();
    }

    /** An output file could not be written. */
    public record WriteFailed(Path file, IOException cause) implements Reason {
        @Override
        public String describe() {
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return "cannot write " + file + ": " + why;
        }
    }

    /** The process was asked to stop (SIGINT from Ctrl-C, SIGTERM). */
    public record Interrupted() implements Reason {
        @Override
        public String describe() {
            return "interrupted";
        }
    }

    private final CompletableFuture<Reason> reason = new CompletableFuture<>();

    /** Stops the run for {@code why}, unless it was stopped already; true when this call stopped it. */
    public boolean stop(Reason why) {
        return reason.complete(why);
    }

    public boolean stopped() {
        return reason.isDone();
    }

    public Optional<Reason> reason() {
        return Optional.ofNullable(reason.getNow(null));
    }

    /** Completes when the run is stopped. */
    public CompletableFuture<Reason> whenStopped() {
        return reason;
    }
}
