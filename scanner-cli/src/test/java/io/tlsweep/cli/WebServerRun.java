package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real web server's scan with the http-auth check, for the next-step tests: the server listens on a web port
 * (10443) of a loopback address of its own (127.x.y.z, drawn at random so that no other test's listener is in the
 * way), and tlsweep scans it with that check alone.
 */
final class WebServerRun {
    /** The web port the servers listen on: the http-auth check asks only web ports. */
    static final int WEB_PORT = 10443;

    private WebServerRun() {
    }

    /** A random loopback address that is not 127.0.0.1. */
    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "127." + r.nextInt(64, 192) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    static Listener listener(String address) {
        return new Listener(address, WEB_PORT);
    }

    /** {@code tlsweep scan ADDRESS:10443} with the http-auth check alone, into {@code run}. */
    static CliRun scan(String address, Path run) {
        return CliRun.tlsweep("scan", address + ":" + WEB_PORT, "-o", run.toString(), "--no-profiles", "--checks",
                "http-auth");
    }

    /** The run's one result line. */
    static JsonNode line(Path run) throws Exception {
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(run.resolve("results.jsonl")).get(0));
        assertThat(line.get("verdict").asText()).isEqualTo("legacy-enabled");
        return line;
    }
}
