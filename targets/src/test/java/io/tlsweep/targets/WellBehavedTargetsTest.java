package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.OpensslClient.Handshake;
import io.tlsweep.targets.OpensslClient.OpensslSuite;
import io.tlsweep.targets.cert.CertificateFacts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every well-behaved profile's manifest against real handshakes with {@code openssl s_client}:
 * at each TLS version, every manifest suite alone must be accepted (and negotiated at that version),
 * and one hello offering the whole complement (every other suite openssl knows) must be refused —
 * a server that supported any suite of that list would pick it. Processes run 8 at a time.
 */
class WellBehavedTargetsTest {

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(DefaultProfiles.wellBehaved());

    private static final Optional<OpensslClient> OPENSSL = OpensslClient.find();
    private static ExecutorService pool;
    private static List<OpensslSuite> known;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(8);
        known = OPENSSL.map(OpensslClient::knownSuites).orElse(List.of());
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static Stream<String> profiles() {
        return DefaultProfiles.wellBehaved().stream().map(TargetSpec::name);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void acceptsExactlyTheManifestSuites(String name, TargetFarm farm) throws Exception {
        OpensslClient openssl = requireOpenssl();
        FarmTarget target = farm.target(name);
        TlsExpectation expected = target.tls();
        String sni = sniOf(expected);
        Map<Integer, OpensslSuite> byCode = known.stream()
                .collect(Collectors.toMap(OpensslSuite::code, Function.identity(), (a, b) -> a));
        List<Future<String>> checks = new ArrayList<>();
        for (TlsVersion version : TlsVersion.values()) {
            boolean tls13 = version == TlsVersion.TLS1_3;
            Set<Integer> accepted = Set.copyOf(expected.at(version).map(VersionFacts::codes).orElse(List.of()));
            for (int code : accepted) {
                OpensslSuite suite = byCode.get(code);
                assertTrue(suite != null, name + ": openssl cannot check manifest suite " + code);
                checks.add(pool.submit(() -> {
                    Handshake h = openssl.handshake(target, version, List.of(suite.name()), sni, false);
                    boolean ok = h.connected() && h.protocol().equals(version.javaName())
                            && h.cipher().equals(suite.name());
                    return ok ? null : version.label() + " " + suite.name() + " refused, expected accepted: "
                            + tail(h.output());
                }));
            }
            List<String> complement = known.stream()
                    .filter(s -> s.tls13() == tls13 && !accepted.contains(s.code()))
                    .map(OpensslSuite::name).toList();
            if (!complement.isEmpty()) {
                checks.add(pool.submit(() -> {
                    Handshake h = openssl.handshake(target, version, complement, sni, false);
                    return h.connected() ? version.label() + " accepted " + h.cipher() + " (" + h.protocol()
                            + ") which the manifest does not list" : null;
                }));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Future<String> check : checks) {
            String failure = check.get(60, TimeUnit.SECONDS);
            if (failure != null) {
                failures.add(failure);
            }
        }
        assertEquals(List.of(), failures, name + " differs from its manifest");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void enforcesTheManifestOrder(String name, TargetFarm farm) {
        OpensslClient openssl = requireOpenssl();
        FarmTarget target = farm.target(name);
        String sni = sniOf(target.tls());
        Map<Integer, String> names = known.stream()
                .collect(Collectors.toMap(OpensslSuite::code, OpensslSuite::name, (a, b) -> a));
        for (VersionFacts facts : target.tls().perVersion()) {
            if (facts.order() == OrderPolicy.STACK_DEFINED || facts.suites().size() < 2) {
                continue;
            }
            String first = names.get(facts.suites().get(0).code());
            String second = names.get(facts.suites().get(1).code());
            Handshake forward = openssl.handshake(target, facts.version(), List.of(first, second), sni, false);
            Handshake reverse = openssl.handshake(target, facts.version(), List.of(second, first), sni, false);
            String where = name + " " + facts.version().label() + " " + facts.order();
            assertEquals(first, forward.cipher(), where + " offering " + first + ":" + second);
            assertEquals(facts.order() == OrderPolicy.SERVER ? first : second, reverse.cipher(),
                    where + " offering " + second + ":" + first);
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void presentsTheManifestCertificate(String name, TargetFarm farm) throws Exception {
        OpensslClient openssl = requireOpenssl();
        FarmTarget target = farm.target(name);
        VersionFacts facts = target.tls().perVersion().get(0);
        String suite = known.stream().filter(s -> s.code() == facts.suites().get(0).code())
                .findFirst().orElseThrow().name();
        Handshake h = openssl.handshake(target, facts.version(), List.of(suite), sniOf(target.tls()), true);
        assertTrue(h.connected(), tail(h.output()));
        String out = h.output();
        int begin = out.indexOf("-----BEGIN CERTIFICATE-----");
        int end = out.indexOf("-----END CERTIFICATE-----", begin) + "-----END CERTIFICATE-----".length();
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(out.substring(begin, end).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(target.tls().certificate(), CertificateFacts.of(leaf));
    }

    @Test
    void sniTargetRefusesOtherNamesWithUnrecognizedName(TargetFarm farm) {
        OpensslClient openssl = requireOpenssl();
        FarmTarget target = farm.target("sni-required");
        List<String> suite = List.of("ECDHE-RSA-AES128-GCM-SHA256");
        Handshake none = openssl.handshake(target, TlsVersion.TLS1_2, suite, null, false);
        Handshake wrong = openssl.handshake(target, TlsVersion.TLS1_2, suite, "other.tlsweep.test", false);
        Handshake right = openssl.handshake(target, TlsVersion.TLS1_2, suite, DefaultProfiles.SNI_NAME, false);
        assertFalse(none.connected());
        assertTrue(none.output().contains("unrecognized name"), tail(none.output()));
        assertFalse(wrong.connected());
        assertTrue(wrong.output().contains("unrecognized name"), tail(wrong.output()));
        assertTrue(right.connected(), tail(right.output()));
    }

    @Test
    void hostileSubjectCarriesTheRawStrings(TargetFarm farm) {
        CertificateFacts cert = farm.target("cert-hostile-subject").tls().certificate();
        assertTrue(cert.subject().contains("alert(1)"), cert.subject());
        assertTrue(cert.subject().contains("HYPERLINK"), cert.subject());
    }

    private static OpensslClient requireOpenssl() {
        return OPENSSL.orElseThrow(() -> new AssertionError(
                "openssl binary not found on PATH: `sh scripts/test-deps.sh` installs it"));
    }

    private static String sniOf(TlsExpectation expected) {
        return expected.sni().map(SniRequirement::serverName).orElse(null);
    }

    private static String tail(String output) {
        return output.length() <= 600 ? output : output.substring(output.length() - 600);
    }
}
