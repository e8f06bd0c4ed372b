package io.tlsweep.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ServiceLimits;
import io.tlsweep.input.Scope;
import io.tlsweep.scan.PreludePoliteness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sweep keeps each protocol's own limits ({@link PreludePoliteness}) where its file does not give the matching
 * {@code scan:} key, and the key's value for every endpoint where it does.
 */
class SweepPolitenessTest {
    private static final Path FILE = Path.of("sweep.yaml");

    private static EngineConfig engine(String scan) throws Exception {
        return SweepConfig.parse("targets: [hosts.txt]\noutput: out\n" + scan, FILE).scanOrDefaults()
                .engine(Scope.DEFAULT);
    }

    @Test
    void withoutTheKeysEveryProtocolKeepsItsOwn() throws Exception {
        assertThat(engine("").services()).isEqualTo(PreludePoliteness.defaults());
        assertThat(engine("scan: {concurrency: 8}").services()).isEqualTo(PreludePoliteness.defaults());
    }

    @Test
    void aKeyGivenHoldsForEveryEndpoint() throws Exception {
        EngineConfig c = engine("scan: {perHost: 6, rate: 0, readTimeoutMs: 7000}");
        assertThat(c.service(Optional.of("smtp"))).isEqualTo(ServiceLimits.NONE);
        assertThat(c.preludeTimeout(Optional.of("smtp"))).isEqualTo(Duration.ofMillis(7000));
        assertThat(c.perHostConnections()).isEqualTo(6);

        EngineConfig perHostOnly = engine("scan: {perHost: 6}");
        assertThat(perHostOnly.service(Optional.of("rdp")))
                .isEqualTo(new ServiceLimits(0, 2, Optional.of(Duration.ofSeconds(10))));
        assertThat(perHostOnly.service(Optional.empty())).isEqualTo(ServiceLimits.NONE);
    }
}
