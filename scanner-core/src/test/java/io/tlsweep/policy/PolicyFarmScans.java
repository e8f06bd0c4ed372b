package io.tlsweep.policy;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.input.Target;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The farm targets the policy tests judge, each scanned once in full; results by target name. */
final class PolicyFarmScans {
    private PolicyFarmScans() {
    }

    /** Targets chosen so that each rule of each built-in policy has one that passes it and one that fails it. */
    static List<TargetSpec> specs() {
        List<TargetSpec> specs = new ArrayList<>(List.of(DefaultProfiles.legacyTls10(), DefaultProfiles.mixed(),
                DefaultProfiles.strongTls12Ecdsa(), DefaultProfiles.modernTls12And13(), DefaultProfiles.tls13Only(),
                DefaultProfiles.postQuantumTls13(), DefaultProfiles.serverOrdered(), DefaultProfiles.legacy3desRc4()));
        DefaultProfiles.certificateVariants().stream()
                .filter(s -> s.name().equals("cert-rsa1024") || s.name().equals("cert-sha1")).forEach(specs::add);
        return specs;
    }

    /** Each target of {@code farm}, plus {@code closed:PORT} for a loopback port nothing listens on. */
    static Map<String, TargetResult> scan(TargetFarm farm, int closedPort) {
        EngineConfig config = EngineConfig.builder().connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofMillis(1500)).targetBudget(Duration.ofSeconds(60)).maxInFlight(64)
                .perHostConnections(64).build();
        List<Target> targets = farm.targets().stream().map(t -> new Target(t.host() + ":" + t.port(), t.host(),
                t.port(), Optional.<String>empty(), true, t.name())).collect(java.util.stream.Collectors.toList());
        targets.add(new Target("127.0.0.1:" + closedPort, "127.0.0.1", closedPort, Optional.empty(), true, "closed"));
        List<TargetResult> results = new ArrayList<>();
        try (TlsScanner scanner = new TlsScanner(config, ScanOptions.full(), List.of(), false)) {
            scanner.scan(targets.iterator(), results::add).join();
        }
        Map<String, TargetResult> byName = new LinkedHashMap<>();
        results.forEach(r -> byName.put(r.target().origin(), r));
        return byName;
    }
}
