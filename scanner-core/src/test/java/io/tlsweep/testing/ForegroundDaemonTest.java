package io.tlsweep.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the real servers' starters rely on, with small stand-ins for a server: Python listening on the ports it is
 * given, a shell that exits at once. Python comes with python3-prometheus-client, which scripts/test-deps.sh
 * installs; owning files for another user needs root, as the real servers do.
 */
class ForegroundDaemonTest {
    private static final String PYTHON = "/usr/bin/python3";

    /** Python that says hello and listens on these ports of 127.0.0.1 until it is stopped. */
    private static List<String> listening(List<Integer> ports) {
        List<String> command = new ArrayList<>(List.of(ForegroundDaemon.binary("python3", Path.of(PYTHON)).toString(),
                "-c", "import socket, sys, time\n"
                + "held = []\n"
                + "for p in sys.argv[1:]:\n"
                + "    s = socket.socket(); s.bind(('127.0.0.1', int(p))); s.listen(); held.append(s)\n"
                + "print('listening on', *sys.argv[1:], flush=True)\n"
                + "time.sleep(60)\n"));
        ports.forEach(p -> command.add(String.valueOf(p)));
        return command;
    }

    @Test
    void aServerIsUpWhenItsPortListensAndCloseStopsItAndRemovesItsDir() throws Exception {
        int port = ForegroundDaemon.freePort();
        Path dir = ForegroundDaemon.directory("tlsweep-daemon-test");
        ProcessHandle process;
        try (ForegroundDaemon daemon = ForegroundDaemon.start("stand-in", dir, listening(List.of(port)), Map.of(),
                List.of(port))) {
            assertThat(daemon.port()).isEqualTo(port);
            assertThat(daemon.dir()).isEqualTo(dir);
            process = ProcessHandle.current().children().filter(c -> c.info().arguments().map(a -> List.of(a)
                    .contains(String.valueOf(port))).orElse(false)).findFirst().orElseThrow();
            assertThat(process.isAlive()).isTrue();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aServerGivenSeveralPortsHasNoOnePort() throws Exception {
        List<Integer> ports = List.of(ForegroundDaemon.freePort(), ForegroundDaemon.freePort());
        try (ForegroundDaemon daemon = ForegroundDaemon.start("stand-in", ForegroundDaemon.directory(
                "tlsweep-daemon-test"), listening(ports), Map.of(), ports)) {
            assertThatThrownBy(daemon::port).isInstanceOf(IllegalStateException.class).hasMessageContaining(
                    ports.toString());
            assertThat(daemon.logs()).contains("listening on " + ports.get(0) + " " + ports.get(1));
        }
    }

    @Test
    void aServerThatExitsBeforeListeningIsReportedWithWhatItSaid() throws Exception {
        Path dir = ForegroundDaemon.directory("tlsweep-daemon-test");

        assertThatThrownBy(() -> ForegroundDaemon.start("stand-in", dir, List.of("sh", "-c",
                "echo no such setting: tls_versoin; exit 3"), Map.of(), List.of(ForegroundDaemon.freePort())))
                .isInstanceOf(IOException.class).hasMessageContaining("stand-in exited with 3")
                .hasMessageContaining("no such setting: tls_versoin");
        assertThat(dir).doesNotExist();
    }

    @Test
    void filesAreHandedToASystemUserAndAMissingUserNamesItsPackage() throws Exception {
        Path dir = ForegroundDaemon.directory("tlsweep-daemon-test");
        try {
            Path file = Files.writeString(dir.resolve("key.pem"), "not a key");
            ForegroundDaemon.giveTo("nobody", "base-passwd", file);
            assertThat(Files.getOwner(file).getName()).isEqualTo("nobody");
            assertThatThrownBy(() -> ForegroundDaemon.giveTo("tlsweep-no-such-user", "tlsweep-test-package", file))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("tlsweep-no-such-user")
                    .hasMessageContaining("tlsweep-test-package");
            assertThat(Files.getOwner(file).getName()).isEqualTo("nobody");
        } finally {
            Files.deleteIfExists(dir.resolve("key.pem"));
            Files.delete(dir);
        }
    }
}
