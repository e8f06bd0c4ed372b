package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of a target list ({@code -iL FILE}, stdin, sweep.yaml's target files) read through
 * {@link TargetSource}. Properties: reading never throws; a bad line is an error naming its line
 * ({@code -:N}); every target has a host and a port in range, and its SNI name (given, or taken from the
 * host name) can be put in a ClientHello; a line's size is what its expansion yields.
 */
@Tag("fuzz")
public class TargetLinesFuzzTest {
    /** CIDR ranges expand lazily to up to 2^32 addresses; this many targets are enough to check. */
    private static final int TARGETS_READ = 2_000;
    private static final List<Integer> PORTS = List.of(443, 8443);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void everyLineIsTargetsOrAnErrorNamingIt(byte[] data) {
        long lines = new String(data, StandardCharsets.UTF_8).lines().count() + 1;
        List<InputError> errors = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        try (TargetSource source = TargetSource.builder(PORTS).stdin(new ByteArrayInputStream(data))
                .onError(errors::add).build()) {
            while (targets.size() < TARGETS_READ && source.hasNext()) {
                targets.add(source.next());
            }
        }
        for (InputError e : errors) {
            assertThat(e.origin()).matches("-:[0-9]+");
            assertThat(Long.parseLong(e.origin().substring(2))).isBetween(1L, lines);
            assertThat(e.message()).isNotBlank();
        }
        for (Target t : targets) {
            assertThat(t.host()).isNotBlank();
            assertThat(t.port()).isBetween(1, 65535);
            assertThat(t.origin()).matches("-:[0-9]+");
            t.sni().ifPresent(TargetLinesFuzzTest::canBeSent);
        }
        for (String line : new String(data, StandardCharsets.UTF_8).lines().limit(50).toList()) {
            if (TargetLine.parse(line, "-:1", PORTS) instanceof ParsedLine.Targets expansion
                    && expansion.size() <= TARGETS_READ) {
                assertThat(expansion.stream().count()).as("targets of '%s'", line).isEqualTo(expansion.size());
            }
        }
    }

    private static void canBeSent(String sni) {
        ClientHelloEncoder.encode(ClientHelloSpec.builder().random(new byte[32])
                .cipherSuites(List.of(CipherSuite.of(0xC02F))).serverName(sni).build());
    }

    public static Stream<byte[]> seeds() {
        String list = String.join("\n", "# hosts", "example.com", "mail.corp.example:465",
                "10.1.2.3:443 sni=app.example", "192.0.2.0/30", "192.0.2.8/31:8443", "[2001:db8::1]:25",
                "2001:db8::/126", "2001:db8::2", "intranet.corp.example.   # trailing dot", "bad:port:99999", "");
        String crlf = "127.0.0.1\r\n\u00a0\r\nxn--bcher-kva.example sni=xn--bcher-kva.example\r\n";
        return Stream.of(list, crlf).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
