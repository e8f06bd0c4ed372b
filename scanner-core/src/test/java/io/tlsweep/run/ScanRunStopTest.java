package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.testing.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, point 5, inside the run: a results file that cannot be written stops the run before it pulls the
 * rest of its input. (The command's message and exit code are held by the CLI's RunSafetyTest.)
 */
class ScanRunStopTest {
    /** Writes to this device fail with ENOSPC, "No space left on device", as on a full disk. */
    private static final Path FULL_DEVICE = Path.of("/dev/full");

    @TempDir
    Path dir;

    /** Every JSON file the test wrote in its directory validates against its schema. */
    @AfterEach
    void writtenJsonValidates() {
        SchemaCheck.assertValid(dir);
    }

    @Test
    void aWriteFailureStopsPullingTargetsAtOnce() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve(ScanRun.RESULTS), FULL_DEVICE);
        int total = 20_000;
        int active = 16;
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Target> closedPorts = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < total;
            }

            @Override
            public Target next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = pulled.incrementAndGet();
                String host = "127.9." + (n >> 8) + "." + (n & 0xFF);
                return new Target(host + ":1", host, 1, Optional.empty(), true, "test " + n);
            }
        };
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(1))
                .readTimeout(Duration.ofSeconds(1)).maxActiveTargets(active).build();
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) TrustAnchors.jdkDefaults()).anchors(), 30);
        RunStop stop = new RunStop();
        RunOutcome outcome = ScanRun.run(closedPorts, RunConfig.of(config, ScanOptions.full(),
                ProfileSettings.none(), certificates, out), () -> { }, stop);
        assertThat(outcome.stopped()).get().isInstanceOf(RunStop.WriteFailed.class);
        assertThat(outcome.targets()).isZero();
        // the first result fails to write; by then at most the active window and the targets finishing while the
        // writer thread reports it have been pulled, never the rest of the input
        assertThat(pulled.get()).isLessThan(total / 10);
        Files.delete(out.resolve(ScanRun.RESULTS));
    }
}
