package io.tlsweep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** A run's cbom.json read back, looked up as a reader would: endpoint, its protocols, their suites' algorithms. */
final class CbomFile {
    private final JsonNode bom;

    private CbomFile(JsonNode bom) {
        this.bom = bom;
    }

    static CbomFile read(Path file) throws IOException {
        return new CbomFile(new ObjectMapper().readTree(file.toFile()));
    }

    /** The components the service named {@code target} depends on. */
    List<JsonNode> usedBy(String target) {
        String ref = StreamSupport.stream(bom.get("services").spliterator(), false)
                .filter(s -> s.get("name").asText().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("no service " + target)).get("bom-ref").asText();
        List<JsonNode> used = new ArrayList<>();
        dependsOn(ref).forEach(r -> used.add(component(r)));
        return used;
    }

    /** The protocol asset of {@code version} ("1.0") that the service {@code target} speaks. */
    JsonNode protocol(String target, String version) {
        return usedBy(target).stream().map(c -> c.path("cryptoProperties"))
                .filter(p -> p.path("assetType").asText().equals("protocol")
                        && p.at("/protocolProperties/version").asText().equals(version))
                .findFirst().orElseThrow(() -> new AssertionError(target + " has no protocol " + version));
    }

    JsonNode component(String ref) {
        return StreamSupport.stream(bom.get("components").spliterator(), false)
                .filter(c -> c.get("bom-ref").asText().equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + ref));
    }

    private List<String> dependsOn(String ref) {
        List<String> on = new ArrayList<>();
        StreamSupport.stream(bom.get("dependencies").spliterator(), false)
                .filter(d -> d.get("ref").asText().equals(ref)).findFirst()
                .orElseThrow(() -> new AssertionError("no dependencies of " + ref))
                .path("dependsOn").forEach(n -> on.add(n.asText()));
        return on;
    }
}
