package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.ServerResponse;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Netty's leak detector (PARANOID in tests) reports a ByteBuf that was collected unreleased through its
 * logger; this test listens to that logger while many replies, partial replies and oversized replies pass
 * through the engine, then forces collection and asks the detector to report.
 */
class NoBufferLeakTest {

    @Test
    void everyReceivedBufferIsReleased() throws Exception {
        Assumptions.assumeTrue(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory,
                "Netty does not log through java.util.logging here: cannot listen for leak reports");
        Assumptions.assumeTrue(ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.PARANOID,
                "leak detection is not PARANOID (run through Maven's surefire settings)");
        List<String> leaks = new CopyOnWriteArrayList<>();
        Handler listener = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (String.valueOf(r.getMessage()).contains("LEAK")) {
                    leaks.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger detectorLog = Logger.getLogger(ResourceLeakDetector.class.getName());
        detectorLog.addHandler(listener);
        try (LoopbackServer alert = LoopbackServer.start(LoopbackServer.alert());
                LoopbackServer drip = LoopbackServer.start(LoopbackServer.drip(10));
                ScanEngine engine = new ScanEngine(Scans.quick().maxResponseBytes(16)
                        .readTimeout(java.time.Duration.ofSeconds(3)).build())) {
            Scans.Done<ScriptedPlan> a = Scans.run(engine, Collections.nCopies(20, Scans.loopback(alert.port())),
                    e -> new ScriptedPlan(5, ScriptedPlan.Mode.ALL_AT_ONCE));
            Scans.Done<ScriptedPlan> d = Scans.run(engine, List.of(Scans.loopback(drip.port())),
                    e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(a.stats().hellos("alert")).isEqualTo(100);
            ConnectionOutcome cut = d.only().plan().outcomes.get(0);
            assertThat(((ConnectionOutcome.Replied) cut).response()).isInstanceOf(ServerResponse.Malformed.class);
            // 16 bytes drip in about 0.16 s; the deadline is far enough that a loaded machine cannot reach it
            assertThat(cut.timings().totalNanos()).as("cut at 16 bytes, before the deadline")
                    .isLessThan(3_000_000_000L);
            for (int round = 0; round < 5; round++) {
                System.gc();
                Thread.sleep(20);
                for (int i = 0; i < 100; i++) {
                    ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                    probe.release();
                }
            }
        } finally {
            detectorLog.removeHandler(listener);
        }
        assertThat(leaks).isEmpty();
    }
}
