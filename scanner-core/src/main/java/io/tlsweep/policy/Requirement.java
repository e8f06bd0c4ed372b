package io.tlsweep.policy;

import io.tlsweep.cert.CertificateFacts;
import io.tlsweep.cert.KeyAlgorithm;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.MacAlgorithm;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one rule tests on a scan result: a small declarative vocabulary, each kind named by the {@link #test()}
 * word a policy file uses. Pure: {@link #check} looks at the facts and nothing else.
 */
public sealed interface Requirement {

    /** The word of the policy file naming this kind of test ("versions.forbidden"). */
    String test();

    /** The value as a policy file writes it, for {@code tlsweep policies NAME}. */
    String value();

    /** Whether the facts meet the requirement, and if not, what was seen. */
    Outcome check(ScannedFacts facts);

    /**
     * What a check found: passed (no reasons), failed (each reason one thing seen), or not checked (the scan did
     * not see what the rule needs: no certificate, an enumeration cut short).
     */
    record Outcome(boolean checked, List<String> reasons) {
        public Outcome {
            reasons = List.copyOf(reasons);
        }

        static Outcome of(List<String> reasons) {
            return new Outcome(true, reasons);
        }

        static Outcome unchecked(String why) {
            return new Outcome(false, List.of(why));
        }

        public boolean failed() {
            return checked && !reasons.isEmpty();
        }
    }

    /** Every accepted version is one of these. */
    record VersionsAllowed(List<ProtocolVersion> versions) implements Requirement {
        public String test() {
            return "versions.allowed";
        }

        public String value() {
            return names(versions);
        }

        public Outcome check(ScannedFacts facts) {
            return Outcome.of(facts.versions().stream().filter(v -> !versions.contains(v))
                    .map(v -> "accepts " + v.displayName()).toList());
        }
    }

    /** None of these versions is accepted. */
    record VersionsForbidden(List<ProtocolVersion> versions) implements Requirement {
        public String test() {
            return "versions.forbidden";
        }

        public String value() {
            return names(versions);
        }

        public Outcome check(ScannedFacts facts) {
            return Outcome.of(facts.versions().stream().filter(versions::contains)
                    .map(v -> "accepts " + v.displayName()).toList());
        }
    }

    /** Every one of these versions is accepted. */
    record VersionsRequired(List<ProtocolVersion> versions) implements Requirement {
        public String test() {
            return "versions.required";
        }

        public String value() {
            return names(versions);
        }

        public Outcome check(ScannedFacts facts) {
            return Outcome.of(versions.stream().filter(v -> !facts.versions().contains(v))
                    .map(v -> "does not accept " + v.displayName()).toList());
        }
    }

    /** Every accepted suite is one of these. */
    record SuitesAllowed(List<CipherSuite> suites) implements Requirement {
        public String test() {
            return "suites.allowed";
        }

        public String value() {
            return suites.stream().map(CipherSuite::ianaName).collect(Collectors.joining(", "));
        }

        public Outcome check(ScannedFacts facts) {
            return suiteOutcome(facts, facts.suitesWhere(s -> !suites.contains(s), s -> "not in the list"));
        }
    }

    /** No accepted suite has one of these weaknesses or is one of these suites. */
    record SuitesForbidden(Set<Weakness> weaknesses, List<CipherSuite> suites) implements Requirement {
        public String test() {
            return "suites.forbidden";
        }

        public String value() {
            List<String> words = new ArrayList<>(weaknesses.stream().map(Weakness::label).toList());
            suites.forEach(s -> words.add(s.ianaName()));
            return String.join(", ", words);
        }

        public Outcome check(ScannedFacts facts) {
            return suiteOutcome(facts, facts.suitesWhere(
                    s -> suites.contains(s) || s.weaknesses().stream().anyMatch(weaknesses::contains),
                    s -> s.weaknesses().stream().filter(weaknesses::contains).map(Weakness::label)
                            .collect(Collectors.joining(", "))));
        }
    }

    /** Every accepted suite encrypts with one of these ciphers. */
    record SuiteCiphers(Set<BulkCipher> ciphers) implements Requirement {
        public String test() {
            return "suites.ciphers";
        }

        public String value() {
            return ciphers.stream().map(Enum::name).collect(Collectors.joining(", "));
        }

        public Outcome check(ScannedFacts facts) {
            return suiteOutcome(facts, facts.suitesWhere(s -> !ciphers.contains(s.cipher()),
                    s -> "cipher " + s.cipher().name()));
        }
    }

    /** Every accepted suite protects records with one of these MACs (AEAD for the AEAD ciphers). */
    record SuiteMacs(Set<MacAlgorithm> macs) implements Requirement {
        public String test() {
            return "suites.macs";
        }

        public String value() {
            return macs.stream().map(Enum::name).collect(Collectors.joining(", "));
        }

        public Outcome check(ScannedFacts facts) {
            return suiteOutcome(facts, facts.suitesWhere(s -> !macs.contains(s.mac()), s -> "MAC " + s.mac().name()));
        }
    }

    /** Every accepted suite has an ephemeral key exchange (TLS 1.3's always does). */
    record ForwardSecrecy() implements Requirement {
        public String test() {
            return "kex.forwardSecrecy";
        }

        public String value() {
            return "true";
        }

        public Outcome check(ScannedFacts facts) {
            return suiteOutcome(facts, facts.suitesWhere(s -> !s.forwardSecrecy(),
                    s -> s.keyExchange().name() + " key exchange, no forward secrecy"));
        }
    }

    /** Every accepted key-exchange group is one of these. */
    record GroupsAllowed(List<NamedGroup> groups) implements Requirement {
        public String test() {
            return "groups.allowed";
        }

        public String value() {
            return names(groups);
        }

        public Outcome check(ScannedFacts facts) {
            List<String> bad = facts.groups().stream().filter(g -> !groups.contains(g))
                    .map(g -> "accepts group " + g).toList();
            boolean needsGroups = facts.suites().values().stream().flatMap(List::stream)
                    .anyMatch(s -> s.isTls13() || s.keyExchange() == KeyExchange.ECDHE);
            if (bad.isEmpty() && facts.groups().isEmpty() && needsGroups) {
                return Outcome.unchecked("no group was enumerated");
            }
            return Outcome.of(bad);
        }
    }

    /** Every DHE prime seen has at least this many bits. */
    record DhMinBits(int bits) implements Requirement {
        public String test() {
            return "dh.minBits";
        }

        public String value() {
            return Integer.toString(bits);
        }

        public Outcome check(ScannedFacts facts) {
            List<String> small = new ArrayList<>();
            facts.dhBits().forEach((v, b) -> {
                if (b < bits) {
                    small.add("DHE prime of " + b + " bits in " + v.displayName() + " (fewer than " + bits + ")");
                }
            });
            boolean dhe = facts.suites().entrySet().stream().anyMatch(e -> !facts.dhBits().containsKey(e.getKey())
                    && e.getValue().stream().anyMatch(s -> s.keyExchange() == KeyExchange.DHE));
            if (small.isEmpty() && dhe) {
                return Outcome.unchecked("a DHE suite is accepted but its prime size was not seen");
            }
            return Outcome.of(small);
        }
    }

    /** An RSA (or DSA) leaf key has at least this many bits. */
    record CertMinRsaBits(int bits) implements Requirement {
        public String test() {
            return "cert.minRsaBits";
        }

        public String value() {
            return Integer.toString(bits);
        }

        public Outcome check(ScannedFacts facts) {
            return leafKey(facts, k -> (k.algorithm() == KeyAlgorithm.RSA || k.algorithm() == KeyAlgorithm.DSA)
                    && k.bits() < bits, "fewer than " + bits + " bits");
        }
    }

    /** An EC leaf key has at least this many bits. */
    record CertMinEcBits(int bits) implements Requirement {
        public String test() {
            return "cert.minEcBits";
        }

        public String value() {
            return Integer.toString(bits);
        }

        public Outcome check(ScannedFacts facts) {
            return leafKey(facts, k -> k.algorithm() == KeyAlgorithm.EC && k.bits() < bits,
                    "fewer than " + bits + " bits");
        }
    }

    /** The leaf key is of one of these types. */
    record CertKeyTypes(Set<KeyAlgorithm> types) implements Requirement {
        public String test() {
            return "cert.keyTypes";
        }

        public String value() {
            return types.stream().map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }

        public Outcome check(ScannedFacts facts) {
            return leafKey(facts, k -> !types.contains(k.algorithm()), "not " + value());
        }
    }

    /** The leaf is not signed with a hash of these ("sha1", "md5"). */
    record CertSignatureForbidden(Set<String> hashes) implements Requirement {
        public static final List<String> HASHES = List.of("sha1", "md5");

        public String test() {
            return "cert.signatureForbidden";
        }

        public String value() {
            return String.join(", ", hashes);
        }

        public Outcome check(ScannedFacts facts) {
            if (facts.leaf().isEmpty()) {
                return Outcome.unchecked("no certificate was read");
            }
            CertificateFacts leaf = facts.leaf().get();
            boolean bad = hashes.contains("sha1") && leaf.signature().sha1()
                    || hashes.contains("md5") && leaf.signature().md5();
            return Outcome.of(bad ? List.of("certificate signed with " + leaf.signature().algorithm()) : List.of());
        }
    }

    private static Outcome leafKey(ScannedFacts facts, java.util.function.Predicate<io.tlsweep.cert.KeyFacts> bad,
            String why) {
        if (facts.leaf().isEmpty()) {
            return Outcome.unchecked("no certificate was read");
        }
        io.tlsweep.cert.KeyFacts key = facts.leaf().get().key();
        return Outcome.of(bad.test(key) ? List.of("certificate key " + key.describe() + ", " + why) : List.of());
    }

    /** A suite rule's failures; a pass is unproven when an enumeration was cut short. */
    private static Outcome suiteOutcome(ScannedFacts facts, List<String> reasons) {
        if (reasons.isEmpty() && !facts.incomplete().isEmpty()) {
            return Outcome.unchecked("the suite list of " + names(facts.incomplete().stream()
                    .map(ProtocolVersion::displayName).toList()) + " is incomplete");
        }
        return Outcome.of(reasons);
    }

    private static String names(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
