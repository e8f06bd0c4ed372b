package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.HelloFeaturesCheck.Features;
import io.tlsweep.check.HelloFeaturesCheck.Part;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Optional;

/** The {@link HelloFeaturesCheck} part in the result line: its judgement, {@code ocspStapled} and the answer. */
final class HelloFeaturesJson implements PartJson<Part> {
    private static final String ID = HelloFeaturesCheck.KEY.id();

    @Override
    public ObjectNode write(Part part) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        part.judgement().writeTo(json);
        json.put("ocspStapled", part.ocspStapled());
        part.features().ifPresent(f -> {
            ObjectNode o = json.putObject("hello").put("version", f.version().displayName())
                    .put("suite", f.suite().ianaName()).put("extendedMasterSecret", f.extendedMasterSecret());
            f.encryptThenMac().ifPresent(etm -> o.put("encryptThenMac", etm));
            o.put("sessionTicket", f.sessionTicket());
            f.alpn().ifPresent(a -> o.put("alpn", a));
            o.put("alpnRefused", f.alpnRefused());
        });
        return json;
    }

    @Override
    public Part read(JsonNode json) {
        Judgement judgement = Judgement.readFrom(json, ID);
        Optional<Features> features = Optional.empty();
        JsonNode h = json.path("hello");
        if (!h.isMissingNode()) {
            ProtocolVersion version = ProtocolVersion.parse(text(h, "version")).orElseThrow(() ->
                    new IllegalArgumentException(ID + ": 'hello.version' is not a version"));
            JsonNode etm = h.path("encryptThenMac");
            features = Optional.of(new Features(version, suite(text(h, "suite")),
                    bool(h, "extendedMasterSecret"), etm.isMissingNode() ? Optional.empty() : Optional.of(bool(h,
                    "encryptThenMac")), bool(h, "sessionTicket"), Optional.ofNullable(h.path("alpn").textValue()),
                    bool(h, "alpnRefused")));
        }
        return new Part(judgement, features, bool(json, "ocspStapled"));
    }

    @Override
    public String summary(Part part) {
        return part.judgement() + part.features().map(f -> "; " + f.describe()).orElse("") + "; OCSP stapled "
                + (part.ocspStapled() ? "yes" : "no");
    }

    static CipherSuite suite(String name) {
        return CipherSuite.byName(name).orElseGet(() -> {
            int code = Hex.parseU16(name);
            if (code < 0) {
                throw new IllegalArgumentException(ID + ": not a cipher suite: " + name);
            }
            return CipherSuite.of(code);
        });
    }

    private static String text(JsonNode node, String field) {
        String t = node.path(field).textValue();
        if (t == null) {
            throw new IllegalArgumentException(ID + ": '" + field + "' is required");
        }
        return t;
    }

    private static boolean bool(JsonNode node, String field) {
        JsonNode b = node.path(field);
        if (!b.isBoolean()) {
            throw new IllegalArgumentException(ID + ": '" + field + "' is not true or false");
        }
        return b.booleanValue();
    }
}
