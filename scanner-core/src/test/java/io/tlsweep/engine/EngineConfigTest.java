package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void defaultsAreSane() {
        EngineConfig c = EngineConfig.builder().build();
        assertThat(c.closeWithReset()).isTrue();
        assertThat(c.maxActiveTargets()).isEqualTo(c.maxInFlight());
        assertThat(c.eventLoopThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.perHostRate()).isZero();
        assertThat(c.maxResponseBytes()).isEqualTo(64 * 1024);
        assertThat(c.resolver()).isEmpty();
        assertThat(c.metrics()).isNotNull();
    }

    @Test
    void nonsenseIsRejectedWithTheSettingsName() {
        assertThatThrownBy(() -> EngineConfig.builder().readTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> EngineConfig.builder().maxInFlight(0).build())
                .hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> EngineConfig.builder().perHostRate(-1).build())
                .hasMessageContaining("perHostRate");
        assertThatThrownBy(() -> EngineConfig.builder().perHostRate(Double.NaN).build())
                .hasMessageContaining("perHostRate");
        assertThatThrownBy(() -> EngineConfig.builder().maxResponseBytes(4).build())
                .hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> new Endpoint("", 443)).hasMessageContaining("empty");
        assertThatThrownBy(() -> new Endpoint("h", 70000)).hasMessageContaining("port");
    }

    @Test
    void nativeTransportIsUsedWhereAvailable() {
        try (ScanEngine engine = new ScanEngine(EngineConfig.builder().eventLoopThreads(1).build());
                ScanEngine nio = new ScanEngine(EngineConfig.builder().eventLoopThreads(1).nativeTransport(false)
                        .build())) {
            assertThat(engine.transportName()).isEqualTo(
                    io.netty.channel.epoll.Epoll.isAvailable() ? "epoll" : "nio");
            assertThat(nio.transportName()).isEqualTo("nio");
        }
    }
}
