package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.check.Check;
import io.tlsweep.check.Checks;
import io.tlsweep.check.DowngradeSentinelCheck;
import io.tlsweep.probe.CheckSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file says what is wrong and where; run directories sort, resume, point and prune as described. */
class SweepConfigTest {
    @TempDir
    Path dir;

    @Test
    void theModeIsReadIgnoringCase() throws Exception {
        Path option = Path.of("--mode");
        assertThat(SweepConfig.parseMode("Versions-Only", option)).isEqualTo(SweepConfig.Mode.VERSIONS_ONLY);
        assertThat(SweepConfig.parseMode("RECHECK", option)).isEqualTo(SweepConfig.Mode.RECHECK);
        assertThat(SweepConfig.parseMode("full", option)).isEqualTo(SweepConfig.Mode.FULL);
        assertThatThrownBy(() -> SweepConfig.parseMode("versions_only", option))
                .hasMessage("--mode: mode: 'versions_only' is not full, versions-only or recheck");
    }

    /** {@code checks:} as {@code --checks}: default when absent, none, all, or a list read by the registry. */
    @Test
    void theOptionalChecksAreChosenAsOnTheCommandLine() throws Exception {
        Checks registry = Checks.BUILT_IN.with(new DowngradeSentinelCheck());
        Path absent = Files.writeString(dir.resolve("absent.yaml"), "targets: [a.txt]\noutput: out\n");
        assertThat(SweepConfig.read(absent).checkSelection(absent, registry)).isEqualTo(CheckSelection.DEFAULT);
        Path none = Files.writeString(dir.resolve("none.yaml"), "targets: [a.txt]\noutput: out\nchecks: none\n");
        assertThat(SweepConfig.read(none).checkSelection(none, registry)).isEqualTo(CheckSelection.none());
        Path list = Files.writeString(dir.resolve("list.yaml"), "targets: [a.txt]\noutput: out\n"
                + "checks: [downgrade-sentinel]\n");
        assertThat(SweepConfig.read(list).checkSelection(list, registry))
                .isEqualTo(CheckSelection.only(java.util.List.of("downgrade-sentinel")));
        Path all = Files.writeString(dir.resolve("all.yaml"), "targets: [a.txt]\noutput: out\nchecks: all\n");
        List<String> optional = registry.optional().stream().map(Check::id).toList();
        assertThat(optional).contains("downgrade-sentinel");
        assertThat(SweepConfig.read(all).checkSelection(all, registry)).isEqualTo(CheckSelection.only(optional));
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "targets: [a.txt]\noutput: out\n"
                + "checks: [downgrade]\n");
        assertThatThrownBy(() -> SweepConfig.read(typo).checkSelection(typo, registry))
                .isInstanceOf(SweepConfig.BadConfig.class).hasMessage(typo + ": checks: unknown check 'downgrade'"
                        + " (known: " + String.join(", ", optional) + ", default, all)");
        Path map = Files.writeString(dir.resolve("map.yaml"), "targets: [a.txt]\noutput: out\nchecks: {a: 1}\n");
        assertThatThrownBy(() -> SweepConfig.read(map)).hasMessage(map + ":3: checks: 'default', 'none', 'all' or a"
                + " list of check ids");
    }

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

    /**
     * Fuzzing found "targets: [a.txt, null]" accepted and then a NullPointerException when the sweep resolved
     * the target files; the engine's own refusals (a zero read timeout) escaped the same way. Each is an error
     * naming the file and the key now.
     */
    @Test
    void emptyEntriesBadPathsAndEngineValuesAreErrorsNamingTheKey() throws Exception {
        Path nul = Files.writeString(dir.resolve("nul.yaml"), "targets: [a.txt, null]\noutput: out\n");
        assertThatThrownBy(() -> SweepConfig.read(nul)).isInstanceOf(SweepConfig.BadConfig.class)
                .hasMessage(nul + ": targets[1]: a path is needed");
        Path port = Files.writeString(dir.resolve("port.yaml"), "targets: [a.txt]\noutput: out\nports:\n - 443\n -\n");
        assertThatThrownBy(() -> SweepConfig.read(port)).hasMessage(port + ": ports: [1] is empty");
        Path path = Files.writeString(dir.resolve("path.yaml"), "targets: [\"a\\0.txt\"]\noutput: out\n");
        assertThatThrownBy(() -> SweepConfig.read(path)).hasMessageStartingWith(path + ": targets[0]: 'a")
                .hasMessageContaining("is not a path");
        Path engine = Files.writeString(dir.resolve("engine.yaml"), "targets: [a.txt]\noutput: out\n"
                + "scan: {readTimeoutMs: 0}\n");
        assertThatThrownBy(() -> SweepConfig.read(engine))
                .hasMessage(engine + ":3: scan.readTimeoutMs: 0 ms: must be at least 1 ms");
        Path days = Files.writeString(dir.resolve("days.yaml"), "targets: [a.txt]\noutput: out\nexpiringDays: -1\n");
        assertThatThrownBy(() -> SweepConfig.read(days)).hasMessage(days + ": expiringDays: -1 is negative");
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
    void starttlsAndTheClientNameAreTheCommandLinesOptionsCheckedWithTheirLine() throws Exception {
        Path none = Files.writeString(dir.resolve("none.yaml"), "targets: [a.txt]\noutput: out\n");
        assertThat(SweepConfig.read(none).preludes()).isEqualTo(io.tlsweep.scan.PreludeSettings.DEFAULT);
        Path given = Files.writeString(dir.resolve("given.yaml"), "targets: [a.txt]\noutput: out\nstarttls: LMTP\n"
                + "clientName: scanner.corp.example\n");
        io.tlsweep.scan.PreludeSettings p = SweepConfig.read(given).preludes();
        assertThat(p.starttls()).isEqualTo("lmtp");
        assertThat(p.clientName()).isEqualTo("scanner.corp.example");
        assertThat(p.startTls().protocolFor(java.util.Optional.empty(), 443)).contains("lmtp");

        Path bogus = Files.writeString(dir.resolve("bogus.yaml"), "targets: [a.txt]\noutput: out\nstarttls: smtps\n");
        assertThatThrownBy(() -> SweepConfig.read(bogus)).isInstanceOf(SweepConfig.BadConfig.class)
                .hasMessageStartingWith(bogus + ":3: starttls: unknown protocol 'smtps' (");
        Path name = Files.writeString(dir.resolve("name.yaml"), "targets: [a.txt]\noutput: out\n"
                + "clientName: \"a b\"\n");
        assertThatThrownBy(() -> SweepConfig.read(name)).hasMessageStartingWith(name + ":3: clientName: ")
                .hasMessageContaining("printable ASCII");
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
