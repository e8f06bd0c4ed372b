package io.tlsweep.cli;

import io.tlsweep.run.RunStop;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or SIGTERM) during a run into an orderly stop: a shutdown hook stops the run and waits, at most
 * {@value #REPORT_SECONDS} s, until the command has said what was kept and how to finish it. The JVM then exits
 * as signalled (130 after SIGINT). The hook is removed when the run ends normally.
 */
final class InterruptGuard implements AutoCloseable {
    static final int REPORT_SECONDS = 10;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);

    private InterruptGuard(RunStop stop) {
        this.hook = new Thread(() -> {
            stop.stop(new RunStop.Interrupted());
            try {
                reported.await(REPORT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tlsweep-interrupt");
    }

    static InterruptGuard install(RunStop stop) {
        InterruptGuard guard = new InterruptGuard(stop);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** The command has said its last word: the hook may let the JVM exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook is running and waits for the countdown below
        }
        reported.countDown();
    }
}
