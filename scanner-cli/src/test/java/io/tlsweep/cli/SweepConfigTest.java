package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file says what is wrong and where; run directories sort, resume, point and prune as described. */
class SweepConfigTest {
    @TempDir
    Path dir;

    @Test
    void aTypoIsAnErrorWithFileAndLine() throws Exception {
        Path f = Files.writeString(dir.resolve("sweep.yaml"), "targets: [a.txt]\noutput: out\nretension: 3\n");
        assertThatThrownBy(() -> SweepConfig.read(f)).isInstanceOf(SweepConfig.BadConfig.class)
                .hasMessageStartingWith(f + ":3: ").hasMessageContaining("retension");
        Path mode = Files.writeString(dir.resolve("mode.yaml"), "targets: [a.txt]\noutput: out\nmode: nightly\n");
        assertThatThrownBy(() -> SweepConfig.read(mode)).hasMessage(mode + ": mode: 'nightly' is not full,"
                + " versions-only or recheck");
        Path port = Files.writeString(dir.resolve("port.yaml"), "targets: [a.txt]\noutput: out\nports: [443, 0]\n");
        assertThatThrownBy(() -> SweepConfig.read(port)).hasMessage(port + ": ports: 0 is not a port (1-65535)");
        Path evil = Files.writeString(dir.resolve("evil.yaml"), "targets: [a.txt]\noutput: out\nmode: \"x\\e[2J\\a\"\n");
        assertThatThrownBy(() -> SweepConfig.read(evil)).hasMessage(evil + ": mode: 'x\\x1b[2J\\x07' is not full,"
                + " versions-only or recheck");
        Path none = Files.writeString(dir.resolve("none.yaml"), "output: out\n");
        assertThatThrownBy(() -> SweepConfig.read(none)).hasMessageContaining("targets: at least one target file");
    }

    @Test
    void pathsAreRelativeToTheFileAndDefaultsHold() throws Exception {
        Path f = Files.writeString(dir.resolve("sweep.yaml"), "targets: [a.txt]\noutput: out\nprofiles: [java8]\n");
        SweepConfig c = SweepConfig.read(f);
        assertThat(c.resolve(f, c.output())).isEqualTo(dir.resolve("out"));
        assertThat(c.portsOrDefault()).containsExactly(443);
        assertThat(c.mode(f)).isEqualTo(SweepConfig.Mode.FULL);
        assertThat(c.profileIds()).containsExactly("java8");
        assertThat(c.retentionOrDefault()).isZero();
    }

    @Test
    void runsSortByTimeResumeTheNewestAndPruneTheOldestCompleteOnes() throws Exception {
        RunStore store = new RunStore(dir.resolve("root"));
        RunStore.RunMeta template = new RunStore.RunMeta(null, null, null, false, "full", null, "c", null, null,
                null, 1);
        Instant t = Instant.parse("2026-11-20T02:00:00Z");
        RunStore.Run a = store.create(t, template);
        RunStore.Run b = store.create(t, template);
        assertThat(b.id()).isEqualTo("20261120T020000Z-2");
        assertThat(store.newestIncomplete()).map(RunStore.Run::id).contains(b.id());
        for (RunStore.Run r : java.util.List.of(a, b)) {
            RunStore.writeMeta(r.dir(), RunStore.readMeta(r.dir()).orElseThrow().finish(t, 1, 1));
        }
        RunStore.Run c = store.create(t.plusSeconds(86_400), template);
        assertThat(store.baselineOf(c.id())).map(RunStore.Run::id).contains(b.id());
        assertThat(store.newestIncomplete()).map(RunStore.Run::id).contains(c.id());
        store.pointLatestAt(b);
        assertThat(Files.readString(dir.resolve("root/LATEST")).strip()).isEqualTo(b.id());
        assertThat(store.prune(1)).containsExactly(a.id());
        assertThat(store.runs()).extracting(RunStore.Run::id).containsExactly(b.id(), c.id());
    }
}
