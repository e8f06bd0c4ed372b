package io.tlsweep.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.text.VisibleText;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a profile file (schema {@value #SCHEMA}). A profile with a bad fact is left out with an error naming
 * the file, the profile and the fact; the others load. The file format is described in the README of the
 * built-in file, {@code io/tlsweep/profiles/client-profiles.json}.
 */
public final class ProfileFile {
    public static final String SCHEMA = "tlsweep-profiles/1";
    private static final String BUILT_IN = "/io/tlsweep/profiles/client-profiles.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file gave: the profiles that loaded and one line per problem. */
    public record Load(ProfileCatalog catalog, List<String> errors) {
        /** The errors quote the file: its control characters are shown as escapes. */
        public Load {
            errors = errors.stream().map(VisibleText::of).toList();
        }
    }

    private ProfileFile() {
    }

    /** The profiles shipped with tlsweep. A problem in them is a build defect, so it throws. */
    public static ProfileCatalog builtIn() {
        try (InputStream in = ProfileFile.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in profile file " + BUILT_IN + " missing from the jar");
            }
            Load load = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "built-in");
            if (!load.errors().isEmpty()) {
                throw new IllegalStateException("built-in profiles: " + String.join("; ", load.errors()));
            }
            return load.catalog();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the text of a profile file; {@code where} names it in errors. */
    public static Load parse(String text, String where) {
        List<String> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Load(ProfileCatalog.empty(), List.of(where + ": not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            return new Load(ProfileCatalog.empty(), List.of(where + ": not a profile file (\"schema\": \""
                    + SCHEMA + "\" expected)"));
        }
        Map<String, ProfileSource> sources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("sources").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            sources.put(e.getKey(), new ProfileSource(e.getKey(), e.getValue().path("title").asText(""),
                    e.getValue().path("url").asText("")));
        }
        List<ClientProfile> profiles = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("profiles")) {
            String id = node.path("id").asText("");
            String at = where + ": profile " + (id.isEmpty() ? "#" + (index + 1) : "'" + id + "'");
            index++;
            try {
                if (id.isBlank() || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    throw new BadFact("id", "must be letters, digits, '.', '_' or '-'");
                }
                if (ids.contains(id)) {
                    throw new BadFact("id", "appears twice");
                }
                ClientProfile p = profile(node, id, sources);
                ids.add(id);
                profiles.add(p);
            } catch (IllegalArgumentException e) {
                errors.add(at + ": " + e.getMessage());
            }
        }
        return new Load(new ProfileCatalog(profiles, sources), errors);
    }

    private static ClientProfile profile(JsonNode node, String id, Map<String, ProfileSource> sources) {
        String name = node.path("name").asText("");
        if (name.isBlank()) {
            throw new BadFact("name", "missing");
        }
        ClientFamily family = ClientFamily.byLabel(node.path("family").asText(""))
                .orElseThrow(() -> new BadFact("family", "'" + node.path("family").asText("") + "' is not one of "
                        + String.join(", ", ClientFamily.LABELS.all())));
        Fact<List<ProtocolVersion>> versions = list(node, "versions", sources, ProfileFile::version)
                .orElseThrow(() -> new BadFact("versions", "missing"));
        Fact<List<ProtocolVersion>> completes = list(node, "completes", sources, ProfileFile::version)
                .orElse(versions);
        Fact<List<CipherSuite>> suites = list(node, "cipherSuites", sources, ProfileFile::suite)
                .orElseGet(() -> versions.derive(List.of()));
        Fact<List<CipherSuite>> tls13 = list(node, "tls13CipherSuites", sources, ProfileFile::suite)
                .orElseGet(() -> versions.derive(List.of()));
        checkVersions("cipherSuites", suites.value(), false);
        checkVersions("tls13CipherSuites", tls13.value(), true);
        Fact<List<NamedGroup>> groups = list(node, "groups", sources, ProfileFile::group)
                .orElseThrow(() -> new BadFact("groups", "missing (an empty list when the hello has none)"));
        Optional<Fact<List<SignatureScheme>>> sigalgs = list(node, "signatureAlgorithms", sources,
                ProfileFile::scheme);
        Fact<Boolean> sni = bool(node, "sni", sources).orElseThrow(() -> new BadFact("sni", "missing"));
        Fact<HelloFormat> format = fact(node, "helloFormat", sources, v -> {
            String t = v.asText("").toLowerCase(Locale.ROOT);
            return switch (t) {
                case "tls" -> HelloFormat.TLS;
                case "sslv2" -> HelloFormat.SSLV2;
                default -> throw new IllegalArgumentException("'" + t + "' is not tls or sslv2");
            };
        }).orElseGet(() -> versions.derive(HelloFormat.TLS));
        Optional<Fact<List<String>>> services = list(node, "services", sources, ProfileFile::service);
        if (services.isPresent() && services.get().value().isEmpty()) {
            throw new BadFact("services", "an empty list: leave services out for a client of every endpoint");
        }
        Optional<Fact<List<NamedGroup>>> keyShares = list(node, "keyShares", sources, ProfileFile::group);
        keyShares.ifPresent(f -> {
            if (!versions.value().contains(ProtocolVersion.TLSv1_3)) {
                throw new BadFact("keyShares", "key shares are sent in TLS 1.3 only, and TLSv1.3 is not offered");
            }
            f.value().stream().filter(g -> !groups.value().contains(g)).findFirst().ifPresent(g -> {
                throw new BadFact("keyShares", g + " is not one of the profile's groups");
            });
        });
        return new ClientProfile(id, name, family, versions, completes, suites, tls13, groups, sigalgs, sni, format,
                bool(node, "renegotiationScsv", sources), bool(node, "extendedMasterSecret", sources),
                bool(node, "statusRequest", sources), bool(node, "sessionTicket", sources),
                list(node, "alpn", sources, v -> {
                    if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 255
                            || !java.nio.charset.StandardCharsets.US_ASCII.newEncoder().canEncode(v.asText())) {
                        throw new IllegalArgumentException("'" + v + "' is not an ALPN protocol name");
                    }
                    return v.asText();
                }), bool(node, "legacySignaturesRefused", sources), services, keyShares);
    }

    private static String service(JsonNode v) {
        return ProfileServices.named(v.isTextual() ? v.asText() : "").orElseThrow(() -> new IllegalArgumentException(
                (v.isTextual() ? "'" + v.asText() + "'" : v.toString()) + " is not a service tlsweep knows ("
                        + String.join(", ", ProfileServices.KNOWN) + ")"));
    }

    private static void checkVersions(String field, List<CipherSuite> suites, boolean tls13) {
        for (CipherSuite s : suites) {
            if (s.isTls13() != tls13) {
                throw new BadFact(field, s + (tls13 ? " is not a TLS 1.3 suite" : " is a TLS 1.3 suite: list it"
                        + " under tls13CipherSuites"));
            }
        }
    }

    private static Optional<Fact<Boolean>> bool(JsonNode node, String field, Map<String, ProfileSource> sources) {
        return fact(node, field, sources, v -> {
            if (!v.isBoolean()) {
                throw new IllegalArgumentException("'" + v + "' is not true or false");
            }
            return v.asBoolean();
        });
    }

    private static <T> Optional<Fact<List<T>>> list(JsonNode node, String field, Map<String, ProfileSource> sources,
            Function<JsonNode, T> element) {
        return fact(node, field, sources, v -> {
            if (!v.isArray()) {
                throw new IllegalArgumentException("a list was expected");
            }
            List<T> values = new ArrayList<>();
            int i = 0;
            for (JsonNode e : v) {
                try {
                    T value = element.apply(e);
                    if (values.contains(value)) {
                        throw new IllegalArgumentException(e + " is listed twice");
                    }
                    values.add(value);
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException("[" + i + "]: " + x.getMessage());
                }
                i++;
            }
            return values;
        });
    }

    private static <T> Optional<Fact<T>> fact(JsonNode node, String field, Map<String, ProfileSource> sources,
            Function<JsonNode, T> read) {
        JsonNode f = node.get(field);
        if (f == null || f.isNull()) {
            return Optional.empty();
        }
        if (!f.isObject() || !f.has("value")) {
            throw new BadFact(field, "must be {\"value\": ..., \"sources\": [...], \"confidence\": \"H|M|L\"}");
        }
        T value;
        try {
            value = read.apply(f.get("value"));
        } catch (IllegalArgumentException e) {
            throw new BadFact(field, e.getMessage());
        }
        List<String> cited = new ArrayList<>();
        f.path("sources").forEach(s -> cited.add(s.asText()));
        if (cited.isEmpty()) {
            throw new BadFact(field, "names no source");
        }
        for (String key : cited) {
            if (!sources.containsKey(key)) {
                throw new BadFact(field, "cites source '" + key + "', which the file's sources table lacks");
            }
        }
        Confidence confidence;
        try {
            confidence = Confidence.valueOf(f.path("confidence").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadFact(field, "confidence must be H, M or L");
        }
        return Optional.of(new Fact<>(value, cited, confidence, f.path("note").asText("")));
    }

    private static ProtocolVersion version(JsonNode v) {
        ProtocolVersion version = ProtocolVersion.parse(v.asText("")).orElseThrow(() ->
                new IllegalArgumentException("'" + v.asText() + "' is not a protocol version"));
        if (!ProtocolVersion.HELLO_VERSIONS.contains(version)) {
            throw new IllegalArgumentException(version + " cannot be offered (SSLv3 to TLSv1.3 can)");
        }
        return version;
    }

    private static CipherSuite suite(JsonNode v) {
        String t = v.asText("");
        Optional<CipherSuite> s = code(t).map(CipherSuite::of).or(() -> CipherSuite.byName(t));
        if (s.isEmpty() || !s.get().isKnown() || s.get().isScsv()) {
            throw new IllegalArgumentException("'" + t + "' is not a cipher suite tlsweep knows");
        }
        return s.get();
    }

    private static NamedGroup group(JsonNode v) {
        String t = v.asText("");
        return code(t).map(NamedGroup::of).or(() -> NamedGroup.byName(t)).orElseThrow(() ->
                new IllegalArgumentException("'" + t + "' is not a named group (a registry name or 0xNNNN)"));
    }

    private static SignatureScheme scheme(JsonNode v) {
        String t = v.asText("");
        return code(t).map(SignatureScheme::of).or(() -> SignatureScheme.byName(t)).orElseThrow(() ->
                new IllegalArgumentException("'" + t + "' is not a signature scheme (a registry name or 0xNNNN)"));
    }

    private static Optional<Integer> code(String t) {
        if (!t.matches("0[xX][0-9A-Fa-f]{4}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(t.substring(2), 16));
    }

    /** A fact that cannot be read: which field, and why. */
    private static final class BadFact extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadFact(String field, String why) {
            super(field + ": " + why);
        }
    }
}
