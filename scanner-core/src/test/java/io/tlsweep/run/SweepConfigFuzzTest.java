package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of sweep.yaml. Properties: a file is either a configuration or a
 * {@link SweepConfig.BadConfig} whose message names the file (never another exception), and what a sweep
 * takes from an accepted configuration (mode, ports, retention, profiles, engine settings, every path
 * resolved next to the file, the fail-on conditions) is there to take: nothing a sweep then does with it
 * throws.
 */
@Tag("fuzz")
public class SweepConfigFuzzTest {
    private static final Path FILE = Path.of("/etc/tlsweep/sweep.yaml");

    // YAML's tokens (libFuzzer reads no line break in a dictionary entry)
    @DictionaryEntries({"~", "null", "- ", ": ", "{", "}", "[", "]", ", ", "'", "\"", "&a ", "*a", "!!str ", "!!int ",
        "!!float ", "!!binary ", "| ", "> ", "---", "...", "#", "<<: ", "? ", ".inf", "0x", "1e9"})
    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void aSweepFileIsAConfigurationOrAnErrorNamingIt(byte[] data) throws Exception {
        SweepConfig c;
        try {
            c = SweepConfig.parse(new String(data, StandardCharsets.UTF_8), FILE);
        } catch (SweepConfig.BadConfig bad) {
            assertThat(bad.getMessage()).startsWith(FILE.toString());
            return;
        }
        assertThat(c.mode(FILE)).isNotNull();
        assertThat(c.portsOrDefault()).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(1, 65535));
        assertThat(c.retentionOrDefault()).isNotNegative();
        c.profileIds();
        assertThat(c.scanOrDefaults().engine(io.tlsweep.input.Scope.DEFAULT)).isNotNull();
        assertThat(c.resolve(FILE, c.output())).isNotNull();
        assertThat(c.targets()).isNotEmpty().allSatisfy(t -> assertThat(c.resolve(FILE, t)).isNotNull());
        for (String optional : new String[] {c.caFile(), c.profileFile()}) {
            if (optional != null) {
                assertThat(c.resolve(FILE, optional)).isNotNull();
            }
        }
        if (c.failOn() != null) {
            assertThat(c.failOn()).doesNotContainNull();
        }
    }

    public static Stream<byte[]> seeds() {
        return Stream.of("""
                targets: [datacenter.txt, dmz.txt]
                ports: [443, 8443]
                output: /var/lib/tlsweep
                retention: 30
                mode: recheck
                recheckLegacy: true
                profiles: all
                assumeDisabled: TLSv1.0,TLSv1.1
                failOn: [drift:legacy, breaks]
                caFile: internal-ca.pem
                expiringDays: 14
                scan: {readTimeoutMs: 5000, concurrency: 256, perHost: 4, rate: 2.5, versions: [TLSv1.2]}
                """, "targets: [a.txt]\noutput: out\nprofiles: [java8, win7-schannel]\nprofileFile: mine.json\n",
                "targets: [a.txt]\noutput: out\nretension: 3\n").map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
