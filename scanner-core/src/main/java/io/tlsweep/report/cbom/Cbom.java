package io.tlsweep.report.cbom;

import io.tlsweep.report.ChainJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.RunInfo;
import io.tlsweep.wire.CipherSuite;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.Service;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A run's cryptographic bill of materials (CycloneDX 1.6): each endpoint a service that depends on the protocols
 * it speaks and the certificate it serves; each protocol (one asset per distinct version, suites and groups, so
 * endpoints configured alike share it) lists its cipher suites with their IANA codes and depends on their
 * algorithms and groups; each certificate depends on its key and signature algorithm, the key on its algorithm.
 * Assets are kept once per run: memory grows with the distinct configurations and certificates, plus one small
 * service per endpoint up to a cap; endpoints past it are left out and counted in the BOM's property
 * {@value #LEFT_OUT}. Not thread-safe.
 */
public final class Cbom {
    /** The endpoints one BOM holds unless told otherwise. */
    public static final int DEFAULT_MAX_ENDPOINTS = 100_000;
    /** The BOM property counting the endpoints left out past the cap (absent when none were). */
    public static final String LEFT_OUT = "tlsweep:endpoints-left-out";

    private final int maxEndpoints;
    private long leftOut;
    private final Map<String, Component> assets = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Set<String>> dependsOn = new LinkedHashMap<>();

    public Cbom() {
        this(DEFAULT_MAX_ENDPOINTS);
    }

    /** A BOM of at most {@code maxEndpoints} endpoints. */
    public Cbom(int maxEndpoints) {
        if (maxEndpoints < 1) {
            throw new IllegalArgumentException("maxEndpoints must be positive: " + maxEndpoints);
        }
        this.maxEndpoints = maxEndpoints;
    }

    /** Adds one endpoint's protocols and leaf certificate; an endpoint with neither is left out. */
    public void add(ResultJson r) {
        List<ResultJson.ProtocolJson> protocols = r.protocols() == null ? List.of() : r.protocols().stream()
                .filter(p -> p.version() != null && !suites(p).isEmpty()).toList();
        ChainJson cert = r.certificate() != null && r.certificate().sha256() != null ? r.certificate() : null;
        String ref = endpointRef(r);
        if (protocols.isEmpty() && cert == null || services.containsKey(ref)) {
            return;
        }
        if (services.size() >= maxEndpoints) {
            leftOut++;
            return;
        }
        List<String> uses = new ArrayList<>();
        protocols.forEach(p -> uses.add(protocol(p)));
        if (cert != null) {
            uses.add(certificate(cert));
        }
        Service s = new Service();
        s.setBomRef(ref);
        s.setName(r.target() != null ? r.target() : r.host() + ":" + r.port());
        s.setEndpoints(List.of("tls://" + hostForUri(r.address() != null ? r.address() : r.host()) + ":" + r.port()));
        services.put(ref, s);
        depend(ref, uses);
    }

    /** The bom-ref of one endpoint's service: its target as given, and the address scanned when known. */
    public static String endpointRef(ResultJson r) {
        return "endpoint/" + (r.target() != null ? r.target() : r.host() + ":" + r.port())
                + (r.address() != null ? "@" + r.address() : "");
    }

    private String protocol(ResultJson.ProtocolJson p) {
        List<CipherSuite> suites = suites(p);
        List<String> groups = p.groups() == null ? List.of() : p.groups();
        StringBuilder identity = new StringBuilder(p.version());
        suites.forEach(s -> identity.append(',').append(s.code()));
        groups.forEach(g -> identity.append(';').append(g));
        String ref = "crypto/protocol/" + p.version().toLowerCase(Locale.ROOT) + "/" + shortHash(identity.toString());
        if (assets.containsKey(ref)) {
            return ref;
        }
        Set<String> algorithms = new LinkedHashSet<>();
        List<ProtocolAsset.Suite> listed = new ArrayList<>();
        for (CipherSuite suite : suites) {
            List<String> refs = SuiteAlgorithms.of(suite).stream().map(this::algorithm).toList();
            algorithms.addAll(refs);
            listed.add(new ProtocolAsset.Suite(suite.ianaName(), suite.code(), refs));
        }
        List<String> groupRefs = groups.stream().map(KeyAlgorithms::group).flatMap(java.util.Optional::stream)
                .map(this::algorithm).toList();
        algorithms.addAll(groupRefs);
        assets.put(ref, ProtocolAsset.component(ref, p.version(), listed, groupRefs));
        depend(ref, algorithms);
        return ref;
    }

    /** The suites of a protocol line whose codes read as 16-bit numbers (a hand-edited line may hold others). */
    private static List<CipherSuite> suites(ResultJson.ProtocolJson p) {
        if (p.cipherSuites() == null) {
            return List.of();
        }
        List<CipherSuite> suites = new ArrayList<>();
        for (ResultJson.SuiteJson s : p.cipherSuites()) {
            if (s != null && s.code() != null && s.code().matches("0[xX][0-9a-fA-F]{1,4}")) {
                suites.add(CipherSuite.of(Integer.parseInt(s.code().substring(2), 16)));
            }
        }
        return suites;
    }

    private String certificate(ChainJson c) {
        String ref = "crypto/certificate/" + c.sha256().toLowerCase(Locale.ROOT);
        if (assets.containsKey(ref)) {
            return ref;
        }
        String signature = KeyAlgorithms.signature(c.signature()).map(this::algorithm).orElse(null);
        String keyAlgorithm = KeyAlgorithms.key(c.key()).map(this::algorithm).orElse(null);
        String keyRef = "crypto/key/" + c.sha256().toLowerCase(Locale.ROOT);
        assets.put(keyRef, CertificateAsset.key(keyRef, c.key(), KeyAlgorithms.keyBits(c.key()).orElse(null),
                keyAlgorithm));
        assets.put(ref, CertificateAsset.certificate(ref, c, signature, keyRef));
        List<String> certUses = new ArrayList<>(List.of(keyRef));
        if (signature != null) {
            certUses.add(signature);
        }
        depend(ref, certUses);
        if (keyAlgorithm != null) {
            depend(keyRef, List.of(keyAlgorithm));
        }
        return ref;
    }

    private String algorithm(AlgorithmAsset a) {
        assets.computeIfAbsent(a.ref(), r -> a.component());
        return a.ref();
    }

    private void depend(String ref, Iterable<String> on) {
        Set<String> set = dependsOn.computeIfAbsent(ref, r -> new LinkedHashSet<>());
        on.forEach(set::add);
    }

    /** The BOM as the CycloneDX library models it. */
    public Bom bom(RunInfo run) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        Metadata metadata = new Metadata();
        if (run != null) {
            metadata.setTimestamp(Date.from(run.started()));
            Component tool = new Component();
            tool.setType(Component.Type.APPLICATION);
            tool.setName("tlsweep");
            tool.setVersion(run.tlsweepVersion());
            ToolInformation tools = new ToolInformation();
            tools.setComponents(List.of(tool));
            metadata.setToolChoice(tools);
        }
        bom.setMetadata(metadata);
        if (leftOut > 0) {
            bom.setProperties(List.of(new Property(LEFT_OUT, Long.toString(leftOut))));
        }
        bom.setServices(new ArrayList<>(services.values()));
        bom.setComponents(new ArrayList<>(assets.values()));
        List<Dependency> deps = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>(services.keySet());
        all.addAll(assets.keySet());
        for (String ref : all) {
            Dependency d = new Dependency(ref);
            dependsOn.getOrDefault(ref, Set.of()).forEach(on -> d.addDependency(new Dependency(on)));
            deps.add(d);
        }
        bom.setDependencies(deps);
        return bom;
    }

    /** Writes the BOM as CycloneDX 1.6 JSON. */
    public void write(OutputStream out, RunInfo run) throws IOException {
        try {
            String json = BomGeneratorFactory.createJson(Version.VERSION_16, bom(run)).toJsonString();
            out.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (GeneratorException e) {
            throw new IOException("cannot write the CBOM: " + e.getMessage(), e);
        }
    }

    /** An IPv6 address in brackets, its zone's {@code %} escaped (RFC 6874), so the endpoint is a valid IRI. */
    private static String hostForUri(String host) {
        return host != null && host.contains(":") ? "[" + host.replace("%", "%25") + "]" : String.valueOf(host);
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
