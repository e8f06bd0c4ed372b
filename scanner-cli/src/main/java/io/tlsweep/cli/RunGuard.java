package io.tlsweep.cli;

import io.tlsweep.run.OutputLock;
import io.tlsweep.run.RunOutcome;
import io.tlsweep.run.RunStop;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What every command that scans into a directory holds while it runs: the directory's lock (one run at a time),
 * the run's stop switch, and the Ctrl-C guard; and what it says when the run stopped early.
 */
final class RunGuard implements AutoCloseable {
    /** The exit code of a process stopped by SIGINT, as shells report it (128 + 2). */
    static final int INTERRUPTED = 130;

    private final OutputLock lock;
    private final RunStop stop = new RunStop();
    private final InterruptGuard interrupt;

    private RunGuard(OutputLock lock) {
        this.lock = lock;
        this.interrupt = InterruptGuard.install(stop);
    }

    /**
     * Locks {@code dir} for this run and starts watching for Ctrl-C.
     *
     * @throws OutputLock.Busy when another run holds the directory
     */
    static RunGuard enter(Path dir, String what) throws IOException, OutputLock.Busy {
        return new RunGuard(OutputLock.acquire(dir, what));
    }

    RunStop stop() {
        return stop;
    }

    /**
     * Says why {@code outcome}'s run stopped, what it kept and how to finish it, and returns the exit code: 3 when
     * an output could not be written, 130 when interrupted.
     *
     * @param command "tlsweep scan", for the messages
     * @param results the journal that holds every finished target
     * @param finish how to finish the run, e.g. "run the same command with --resume"
     */
    static int stopped(RunOutcome outcome, PrintWriter err, String command, Path results, String finish) {
        RunStop.Reason why = outcome.stopped().orElseThrow();
        err.println(command + ": " + why.describe());
        String kept = outcome.targets() + " target(s) finished in this session";
        if (why instanceof RunStop.WriteFailed) {
            err.println(command + ": stopped; " + kept + ", every whole line of " + results + " is kept: make room,"
                    + " then " + finish);
            err.flush();
            return ExitCodes.RUNTIME;
        }
        err.println(command + ": stopped; " + kept + " are kept in " + results + ": " + finish);
        err.flush();
        return INTERRUPTED;
    }

    @Override
    public void close() throws IOException {
        try {
            interrupt.close();
        } finally {
            lock.close();
        }
    }
}
