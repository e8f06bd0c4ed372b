package io.tlsweep.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every rule of every built-in policy on farm targets chosen to pass it and to fail it, the failed rule named with
 * what was seen. Where no farm target can fail a rule (no farm server accepts SSLv3 or serves a DHE prime under
 * 2048 bits), a scanned result is changed in that one fact; where neither can (an EC key under 224 bits), the rule
 * is listed in {@link #NO_FAILING_CASE}.
 */
class PolicyFarmTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(PolicyFarmScans.specs());

    /** A result changed in one fact, for the rules no farm target fails. */
    private static final Map<String, UnaryOperator<TargetResult>> DERIVED = Map.of(
            "mixed-tls10-12+SSLv3", r -> withProtocols(r, p -> {
                List<ProtocolSupport> more = new ArrayList<>(List.of(copy(p.get(0), ProtocolVersion.SSLv3,
                        p.get(0).dhPrimeBits())));
                more.addAll(p);
                return more;
            }),
            "modern-tls12-13+dh1024", r -> withProtocols(r, p -> p.stream().map(v -> v.dhPrimeBits().isPresent()
                    ? copy(v, v.version(), Optional.of(1024)) : v).toList()));

    /**
     * Rules no target here fails: the farm has no certificate with an EC key smaller than P-256 (the rule itself
     * fails P-256 at a floor of 384, {@link #theEcKeySizeRuleFailsAKeyBelowItsFloor}).
     */
    private static final List<String> NO_FAILING_CASE = List.of("mozilla-modern/cert-ec",
            "mozilla-intermediate/cert-ec", "nist-800-52r2/cert-ec", "bsi-tr-02102-2/cert-ec", "pci-dss-4/cert-ec");

    private static Map<String, TargetResult> results;

    /** policy/rule → target that passes it, target that fails it, and a piece of the reason the failure gives. */
    private static final List<List<String>> CASES = List.of(
            List.of("mozilla-modern/versions", "pq-hybrid-tls13", "modern-tls12-13", "accepts TLSv1.2"),
            List.of("mozilla-modern/suites", "pq-hybrid-tls13", "legacy-3des-rc4",
                    "TLS_RSA_WITH_RC4_128_SHA (not in the list) in TLSv1.0, TLSv1.2"),
            List.of("mozilla-modern/groups", "pq-hybrid-tls13", "tls13-only", "accepts group x448"),
            List.of("mozilla-modern/cert-type", "strong-tls12-ecdsa", "pq-hybrid-tls13",
                    "certificate key RSA 2048-bit, not ec"),
            List.of("mozilla-modern/cert-ec", "strong-tls12-ecdsa", "", ""),
            List.of("mozilla-modern/cert-signature", "pq-hybrid-tls13", "cert-sha1", "signed with SHA1withRSA"),
            List.of("mozilla-intermediate/versions", "modern-tls12-13", "mixed-tls10-12", "accepts TLSv1.1"),
            List.of("mozilla-intermediate/suites", "pq-hybrid-tls13", "modern-tls12-13",
                    "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 (not in the list) in TLSv1.2"),
            List.of("mozilla-intermediate/groups", "pq-hybrid-tls13", "strong-tls12-ecdsa", "accepts group x448"),
            List.of("mozilla-intermediate/cert-rsa", "order-server", "cert-rsa1024",
                    "certificate key RSA 1024-bit, fewer than 2048 bits"),
            List.of("mozilla-intermediate/cert-ec", "strong-tls12-ecdsa", "", ""),
            List.of("mozilla-intermediate/cert-signature", "order-server", "cert-sha1", "SHA1withRSA"),
            List.of("mozilla-old/versions", "mixed-tls10-12", "mixed-tls10-12+SSLv3", "accepts SSLv3"),
            List.of("mozilla-old/suites", "mixed-tls10-12", "legacy-3des-rc4", "TLS_RSA_WITH_RC4_128_SHA"),
            List.of("mozilla-old/groups", "pq-hybrid-tls13", "tls13-only", "accepts group ffdhe2048"),
            List.of("mozilla-old/cert-rsa", "mixed-tls10-12", "cert-rsa1024", "RSA 1024-bit"),
            List.of("mozilla-old/cert-signature", "mixed-tls10-12", "cert-sha1", "SHA1withRSA"),
            List.of("nist-800-52r2/tls12", "modern-tls12-13", "tls13-only", "does not accept TLSv1.2"),
            List.of("nist-800-52r2/tls13", "modern-tls12-13", "order-server", "does not accept TLSv1.3"),
            List.of("nist-800-52r2/no-ssl", "modern-tls12-13", "mixed-tls10-12+SSLv3", "accepts SSLv3"),
            List.of("nist-800-52r2/no-tls10-11", "modern-tls12-13", "mixed-tls10-12", "accepts TLSv1.0"),
            List.of("nist-800-52r2/forward-secrecy", "strong-tls12-ecdsa", "order-server",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key exchange, no forward secrecy) in TLSv1.2"),
            List.of("nist-800-52r2/aes-only", "cert-sha1", "legacy-3des-rc4",
                    "TLS_RSA_WITH_3DES_EDE_CBC_SHA (cipher TRIPLE_DES)"),
            List.of("nist-800-52r2/dh", "modern-tls12-13", "modern-tls12-13+dh1024",
                    "DHE prime of 1024 bits in TLSv1.2 (fewer than 2048)"),
            List.of("nist-800-52r2/cert-rsa", "order-server", "cert-rsa1024", "RSA 1024-bit"),
            List.of("nist-800-52r2/cert-ec", "strong-tls12-ecdsa", "", ""),
            List.of("nist-800-52r2/cert-signature", "order-server", "cert-sha1", "SHA1withRSA"),
            List.of("bsi-tr-02102-2/versions", "strong-tls12-ecdsa", "legacy-tls10", "accepts TLSv1.0"),
            List.of("bsi-tr-02102-2/forward-secrecy", "strong-tls12-ecdsa", "cert-rsa1024", "no forward secrecy"),
            List.of("bsi-tr-02102-2/aes-only", "cert-sha1", "strong-tls12-ecdsa",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 (cipher CHACHA20_POLY1305)"),
            List.of("bsi-tr-02102-2/mac", "strong-tls12-ecdsa", "legacy-tls10",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (MAC SHA1) in TLSv1.0"),
            List.of("bsi-tr-02102-2/dh", "strong-tls12-ecdsa", "modern-tls12-13",
                    "DHE prime of 2048 bits in TLSv1.2 (fewer than 3000)"),
            List.of("bsi-tr-02102-2/cert-rsa", "strong-tls12-ecdsa", "order-server",
                    "certificate key RSA 2048-bit, fewer than 3000 bits"),
            List.of("bsi-tr-02102-2/cert-ec", "strong-tls12-ecdsa", "", ""),
            List.of("bsi-tr-02102-2/cert-signature", "strong-tls12-ecdsa", "cert-sha1", "SHA1withRSA"),
            List.of("pci-dss-4/no-ssl-early-tls", "modern-tls12-13", "legacy-tls10", "accepts TLSv1.0"),
            List.of("pci-dss-4/no-tls11", "modern-tls12-13", "mixed-tls10-12", "accepts TLSv1.1"),
            List.of("pci-dss-4/strong-suites", "modern-tls12-13", "legacy-3des-rc4",
                    "TLS_RSA_WITH_3DES_EDE_CBC_SHA (3des) in TLSv1.0, TLSv1.2"),
            List.of("pci-dss-4/dh", "modern-tls12-13", "modern-tls12-13+dh1024", "DHE prime of 1024 bits"),
            List.of("pci-dss-4/cert-rsa", "modern-tls12-13", "cert-rsa1024", "RSA 1024-bit"),
            List.of("pci-dss-4/cert-ec", "strong-tls12-ecdsa", "", ""),
            List.of("pci-dss-4/cert-signature", "modern-tls12-13", "cert-sha1", "SHA1withRSA"));

    @BeforeAll
    static void scan(TargetFarm farm) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        results = new LinkedHashMap<>(PolicyFarmScans.scan(farm, closed));
        DERIVED.forEach((name, change) -> results.put(name, change.apply(results.get(name.split("\\+")[0]))));
    }

    @Test
    void everyRuleOfEveryBuiltInPolicyHasACase() {
        List<String> rules = new ArrayList<>();
        PolicyFile.builtIn().forEach(p -> p.rules().forEach(r -> rules.add(p.id() + "/" + r.id())));
        assertThat(CASES.stream().map(c -> c.get(0)).toList()).containsExactlyElementsOf(rules);
    }

    @Test
    void eachRulePassesOnOneTargetAndFailsOnAnotherNamingWhatWasSeen() {
        for (List<String> c : CASES) {
            String[] at = c.get(0).split("/");
            Policy policy = PolicyFile.named(at[0]).orElseThrow();
            PolicyResult pass = PolicyCheck.evaluate(results.get(c.get(1)), policy);
            assertThat(pass.failedRules()).as(c.get(0) + " on " + c.get(1)).doesNotContain(at[1]);
            assertThat(pass.unchecked()).as(c.get(0) + " checked on " + c.get(1)).extracting(PolicyResult.Failed::rule)
                    .doesNotContain(at[1]);
            if (c.get(2).isEmpty()) {
                assertThat(NO_FAILING_CASE).as(c.get(0) + " has no failing case").contains(c.get(0));
                continue;
            }
            PolicyResult fail = PolicyCheck.evaluate(results.get(c.get(2)), policy);
            assertThat(fail.verdict()).as(c.get(0) + " on " + c.get(2)).isEqualTo(PolicyVerdict.NOT_COMPLIANT);
            assertThat(fail.failed()).as(c.get(0) + " on " + c.get(2))
                    .anySatisfy(f -> {
                        assertThat(f.rule()).isEqualTo(at[1]);
                        assertThat(f.reason()).contains(c.get(3));
                        assertThat(f.source()).isEqualTo(policy.rule(at[1]).orElseThrow().source());
                    });
        }
    }

    @Test
    void wholeVerdictsNameEveryFailedRule() {
        assertThat(evaluate("pq-hybrid-tls13", "mozilla-intermediate").verdict()).isEqualTo(PolicyVerdict.COMPLIANT);
        assertThat(evaluate("pq-hybrid-tls13", "pci-dss-4").compliant()).isTrue();
        assertThat(evaluate("pq-hybrid-tls13", "mozilla-modern").failedRules()).containsExactly("cert-type");
        assertThat(evaluate("legacy-3des-rc4", "pci-dss-4").failedRules())
                .containsExactly("no-ssl-early-tls", "strong-suites");
        assertThat(evaluate("mixed-tls10-12", "nist-800-52r2").failedRules())
                .containsExactly("tls13", "no-tls10-11", "forward-secrecy", "aes-only");
        assertThat(evaluate("modern-tls12-13", "bsi-tr-02102-2").failedRules())
                .containsExactly("aes-only", "dh", "cert-rsa");
    }

    @Test
    void anEndpointNothingWasScannedOnIsNotApplicable() {
        for (Policy p : PolicyFile.builtIn()) {
            PolicyResult r = PolicyCheck.evaluate(results.get("closed"), p);
            assertThat(r.verdict()).as(p.id()).isEqualTo(PolicyVerdict.NOT_APPLICABLE);
            assertThat(r.compliant()).isFalse();
            assertThat(r.failed()).isEmpty();
            assertThat(r.why()).startsWith("the scan ended");
        }
    }

    @Test
    void theEcKeySizeRuleFailsAKeyBelowItsFloor() {
        String text = "{\"schema\": \"tlsweep-policy/1\", \"id\": \"p384\", \"name\": \"P-384 keys\", \"sources\":"
                + " {\"d\": {\"title\": \"Ours\"}}, \"rules\": [{\"id\": \"cert-ec\", \"description\": \"d\","
                + " \"source\": {\"document\": \"d\", \"section\": \"1\"}, \"test\": \"cert.minEcBits\","
                + " \"value\": 384}]}";
        Policy p384 = PolicyFile.parse(text, "p384.json").policy().orElseThrow();
        PolicyResult r = PolicyCheck.evaluate(results.get("strong-tls12-ecdsa"), p384);
        assertThat(r.failed()).extracting(PolicyResult.Failed::reason)
                .containsExactly("certificate key EC 256-bit (secp256r1), fewer than 384 bits");
        assertThat(PolicyCheck.evaluate(results.get("cert-rsa1024"), p384).compliant()).as("not an EC key").isTrue();
    }

    @Test
    void aRuleTheScanSawTooLittleForIsUncheckedNotPassedOrFailed() {
        TargetResult r = results.get("pq-hybrid-tls13");
        TargetResult noCertificate = new TargetResult(r.target(), r.address(), r.status(), r.failure(), r.protocols(),
                r.refusals(), r.groups(), List.of(), r.ocspStapled(), r.notes(), r.profileHellos(), r.connections(),
                r.elapsedMillis(), r.inconsistencies(), r.checks(), r.prelude(), r.tls13Flight());
        PolicyResult modern = PolicyCheck.evaluate(noCertificate, PolicyFile.named("mozilla-modern").orElseThrow());
        assertThat(modern.verdict()).isEqualTo(PolicyVerdict.COMPLIANT);
        assertThat(modern.unchecked()).extracting(PolicyResult.Failed::rule, PolicyResult.Failed::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cert-type", "no certificate was read"),
                        org.assertj.core.groups.Tuple.tuple("cert-ec", "no certificate was read"),
                        org.assertj.core.groups.Tuple.tuple("cert-signature", "no certificate was read"));
        TargetResult cutShort = withProtocols(r, p -> p.stream().map(v -> new ProtocolSupport(v.version(),
                v.cipherSuites(), v.order(), v.chacha20Priority(), v.groups(), v.dhPrimeBits(), false, v.refusal()))
                .toList());
        PolicyResult intermediate = PolicyCheck.evaluate(cutShort,
                PolicyFile.named("mozilla-intermediate").orElseThrow());
        assertThat(intermediate.unchecked()).extracting(PolicyResult.Failed::rule, PolicyResult.Failed::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("suites",
                        "the suite list of TLSv1.3 is incomplete"));
        assertThat(PolicyCheck.evaluate(cutShort, PolicyFile.named("mozilla-old").orElseThrow()).unchecked())
                .extracting(PolicyResult.Failed::rule).containsExactly("suites");
        assertThat(PolicyCheck.evaluate(withProtocols(results.get("legacy-3des-rc4"), p -> p.stream()
                .map(v -> new ProtocolSupport(v.version(), v.cipherSuites(), v.order(), v.chacha20Priority(),
                        v.groups(), v.dhPrimeBits(), false, v.refusal())).toList()),
                PolicyFile.named("pci-dss-4").orElseThrow()).failedRules())
                .as("what was seen still fails a cut-short list").contains("strong-suites");
    }

    private static PolicyResult evaluate(String target, String policy) {
        return PolicyCheck.evaluate(results.get(target), PolicyFile.named(policy).orElseThrow());
    }

    private static ProtocolSupport copy(ProtocolSupport p, ProtocolVersion version, Optional<Integer> dh) {
        return new ProtocolSupport(version, p.cipherSuites(), p.order(), p.chacha20Priority(), p.groups(), dh,
                p.complete(), p.refusal());
    }

    private static TargetResult withProtocols(TargetResult r,
            UnaryOperator<List<ProtocolSupport>> change) {
        List<ProtocolSupport> protocols = change.apply(r.protocols());
        return new TargetResult(r.target(), r.address(), r.status(), r.failure(), protocols, r.refusals(), r.groups(),
                r.certificateChain(), r.ocspStapled(), r.notes(), r.profileHellos(), r.connections(),
                r.elapsedMillis(), r.inconsistencies(), r.checks(), r.prelude(), r.tls13Flight());
    }
}
