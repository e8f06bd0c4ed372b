package io.tlsweep.scan;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.FarmTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scans loopback targets with the real engine for tests; results keyed by the target's origin. */
final class FarmScans {
    static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

    private FarmScans() {
    }

    static EngineConfig config() {
        return config(READ_TIMEOUT);
    }

    static EngineConfig config(Duration readTimeout) {
        return EngineConfig.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(readTimeout)
                .targetBudget(Duration.ofSeconds(60))
                .maxInFlight(128)
                .perHostConnections(128)
                .build();
    }

    static Target target(String host, int port, Optional<String> sni, String origin) {
        return new Target(host + ":" + port, host, port, sni, true, origin);
    }

    static Target target(FarmTarget t, Optional<String> sni, String origin) {
        return target(t.host(), t.port(), sni, origin);
    }

    static Map<String, TargetResult> scan(List<Target> targets, ScanOptions options) {
        return scan(targets, options, List.of());
    }

    /** Scans, then sends every profile's own hello to each target. */
    static Map<String, TargetResult> scan(List<Target> targets, ScanOptions options, List<ClientProfile> profiles) {
        return scan(targets, options, profiles, config());
    }

    static Map<String, TargetResult> scan(List<Target> targets, ScanOptions options, List<ClientProfile> profiles,
            EngineConfig config) {
        Map<String, TargetResult> byOrigin = new LinkedHashMap<>();
        List<TargetResult> results = new ArrayList<>();
        try (TlsScanner scanner = new TlsScanner(config, options, profiles, false)) {
            scanner.scan(targets.iterator(), results::add).join();
        }
        results.forEach(r -> byOrigin.put(r.target().origin(), r));
        return byOrigin;
    }
}
