package io.tlsweep.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tlsweep.cert.KeyAlgorithm;
import io.tlsweep.wire.BulkCipher;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.MacAlgorithm;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a rule's {@code test} word and {@code value} into a {@link Requirement}. A value that does not fit throws
 * {@link IllegalArgumentException} saying which element and why; the caller adds the file, rule and field.
 */
final class RequirementReader {
    /** Every test word, with the value it takes, in the order the README lists them. */
    static final Map<String, String> TESTS = ordered(List.of(
                    Map.entry("versions.allowed", "a list of versions (SSLv3, TLSv1.0 ... TLSv1.3)"),
                    Map.entry("versions.forbidden", "a list of versions"),
                    Map.entry("versions.required", "a list of versions"),
                    Map.entry("suites.allowed", "a list of cipher suites (IANA or OpenSSL names, or 0xNNNN)"),
                    Map.entry("suites.forbidden", "a list of weakness labels (" + Weakness.vocabulary()
                            + ") or cipher suites"),
                    Map.entry("suites.ciphers", "a list of ciphers (" + words(BulkCipher.values()) + ")"),
                    Map.entry("suites.macs", "a list of MACs (" + words(MacAlgorithm.values()) + ")"),
                    Map.entry("kex.forwardSecrecy", "true"),
                    Map.entry("groups.allowed", "a list of named groups (registry names or 0xNNNN)"),
                    Map.entry("dh.minBits", "a number of bits"),
                    Map.entry("cert.minRsaBits", "a number of bits"),
                    Map.entry("cert.minEcBits", "a number of bits"),
                    Map.entry("cert.keyTypes", "a list of key types (rsa, ec, eddsa, dsa)"),
                    Map.entry("cert.signatureForbidden", "a list of hashes (sha1, md5)")));

    private RequirementReader() {
    }

    private static Map<String, String> ordered(List<Map.Entry<String, String>> entries) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(map);
    }

    /** The requirement {@code test} names, read from {@code value}. */
    static Requirement read(String test, JsonNode value) {
        return switch (test) {
            case "versions.allowed" -> new Requirement.VersionsAllowed(list(value, RequirementReader::version));
            case "versions.forbidden" -> new Requirement.VersionsForbidden(list(value, RequirementReader::version));
            case "versions.required" -> new Requirement.VersionsRequired(list(value, RequirementReader::version));
            case "suites.allowed" -> new Requirement.SuitesAllowed(list(value, RequirementReader::suite));
            case "suites.forbidden" -> forbidden(value);
            case "suites.ciphers" -> new Requirement.SuiteCiphers(EnumSet.copyOf(
                    RequirementReader.<BulkCipher>list(value, v -> constant(v, BulkCipher.class, "cipher"))));
            case "suites.macs" -> new Requirement.SuiteMacs(EnumSet.copyOf(
                    RequirementReader.<MacAlgorithm>list(value, v -> constant(v, MacAlgorithm.class, "MAC"))));
            case "kex.forwardSecrecy" -> {
                if (!value.isBoolean() || !value.asBoolean()) {
                    throw new IllegalArgumentException("must be true (leave the rule out to allow static key"
                            + " exchange)");
                }
                yield new Requirement.ForwardSecrecy();
            }
            case "groups.allowed" -> new Requirement.GroupsAllowed(list(value, RequirementReader::group));
            case "dh.minBits" -> new Requirement.DhMinBits(bits(value));
            case "cert.minRsaBits" -> new Requirement.CertMinRsaBits(bits(value));
            case "cert.minEcBits" -> new Requirement.CertMinEcBits(bits(value));
            case "cert.keyTypes" -> new Requirement.CertKeyTypes(
                    EnumSet.copyOf(list(value, RequirementReader::keyType)));
            case "cert.signatureForbidden" -> new Requirement.CertSignatureForbidden(new LinkedHashSet<>(list(value,
                    v -> {
                        String h = v.asText("").toLowerCase(Locale.ROOT);
                        if (!Requirement.CertSignatureForbidden.HASHES.contains(h)) {
                            throw new IllegalArgumentException(quote(v) + " is not sha1 or md5");
                        }
                        return h;
                    })));
            default -> throw new IllegalStateException("unknown test " + test);
        };
    }

    private static Requirement forbidden(JsonNode value) {
        Set<Weakness> weaknesses = EnumSet.noneOf(Weakness.class);
        List<CipherSuite> suites = new ArrayList<>();
        for (Object o : list(value, v -> Weakness.byName(v.asText("")).<Object>map(w -> w).orElseGet(() -> {
            try {
                return suite(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(quote(v) + " is neither a weakness (" + Weakness.vocabulary()
                        + ") nor a cipher suite tlsweep knows");
            }
        }))) {
            if (o instanceof Weakness w) {
                weaknesses.add(w);
            } else {
                suites.add((CipherSuite) o);
            }
        }
        return new Requirement.SuitesForbidden(weaknesses, suites);
    }

    private static <T> List<T> list(JsonNode value, Function<JsonNode, T> element) {
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException("a non-empty list was expected");
        }
        List<T> values = new ArrayList<>();
        int i = 0;
        for (JsonNode e : value) {
            try {
                T t = element.apply(e);
                if (values.contains(t)) {
                    throw new IllegalArgumentException(quote(e) + " is listed twice");
                }
                values.add(t);
            } catch (IllegalArgumentException x) {
                throw new IllegalArgumentException("[" + i + "]: " + x.getMessage());
            }
            i++;
        }
        return values;
    }

    private static int bits(JsonNode value) {
        if (!value.isInt() || value.asInt() < 1 || value.asInt() > 65536) {
            throw new IllegalArgumentException(value + " is not a number of bits (1 to 65536)");
        }
        return value.asInt();
    }

    private static ProtocolVersion version(JsonNode v) {
        Optional<ProtocolVersion> version = ProtocolVersion.parse(v.asText(""));
        if (version.isEmpty() || !ProtocolVersion.HELLO_VERSIONS.contains(version.get())) {
            throw new IllegalArgumentException(quote(v) + " is not a version the scan enumerates ("
                    + words(ProtocolVersion.HELLO_VERSIONS.stream().map(ProtocolVersion::displayName).toArray())
                    + "); SSLv2 is the sslv2 check's finding");
        }
        return version.get();
    }

    static CipherSuite suite(JsonNode v) {
        String t = v.asText("");
        Optional<CipherSuite> s = code(t).map(CipherSuite::of).or(() -> CipherSuite.byName(t));
        if (s.isEmpty() || !s.get().isKnown() || s.get().isScsv()) {
            throw new IllegalArgumentException(quote(v) + " is not a cipher suite tlsweep knows");
        }
        return s.get();
    }

    private static NamedGroup group(JsonNode v) {
        String t = v.asText("");
        return code(t).map(NamedGroup::of).or(() -> NamedGroup.byName(t)).orElseThrow(() ->
                new IllegalArgumentException(quote(v) + " is not a named group (a registry name or 0xNNNN)"));
    }

    private static KeyAlgorithm keyType(JsonNode v) {
        String t = v.asText("").toUpperCase(Locale.ROOT);
        if (t.equals("OTHER") || Arrays.stream(KeyAlgorithm.values()).noneMatch(k -> k.name().equals(t))) {
            throw new IllegalArgumentException(quote(v) + " is not rsa, ec, eddsa or dsa");
        }
        return KeyAlgorithm.valueOf(t);
    }

    private static <E extends Enum<E>> E constant(JsonNode v, Class<E> type, String what) {
        String t = v.asText("").toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(t) && !t.equals("UNKNOWN"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(quote(v) + " is not a " + what + " ("
                        + words(type.getEnumConstants()) + ")"));
    }

    private static Optional<Integer> code(String t) {
        return t.matches("0[xX][0-9A-Fa-f]{4}") ? Optional.of(Integer.parseInt(t.substring(2), 16)) : Optional.empty();
    }

    private static String quote(JsonNode v) {
        return v.isTextual() ? "'" + v.asText() + "'" : v.toString();
    }

    private static String words(Object[] values) {
        return Arrays.stream(values).map(Object::toString).filter(s -> !s.equals("UNKNOWN"))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
