package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.SignatureAlgorithmsCheck.Answer;
import io.tlsweep.check.SignatureAlgorithmsCheck.Outcome;
import io.tlsweep.check.SignatureAlgorithmsCheck.Part;
import io.tlsweep.text.Labels;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link SignatureAlgorithmsCheck} part in the result line: its judgement and one object per scheme offered, with
 * the version of its hello ({@code TLSv1.2} when absent, as in lines written before TLS 1.3 was asked).
 */
final class SignatureAlgorithmsJson implements PartJson<Part> {
    private static final String ID = SignatureAlgorithmsCheck.KEY.id();
    private static final Labels<Outcome> OUTCOMES = Labels.of(Outcome.class);

    @Override
    public ObjectNode write(Part part) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        part.judgement().writeTo(json);
        ArrayNode answers = json.putArray("answers");
        for (Answer a : part.answers()) {
            ObjectNode o = answers.addObject().put("version", a.version().displayName())
                    .put("offered", a.offered().name()).put("outcome", a.outcome().label());
            a.used().ifPresent(u -> o.put("used", u.name()));
            a.detail().ifPresent(d -> o.put("detail", d));
        }
        return json;
    }

    @Override
    public Part read(JsonNode json) {
        Judgement judgement = Judgement.readFrom(json, ID);
        JsonNode answers = json.path("answers");
        if (!answers.isArray()) {
            throw new IllegalArgumentException(ID + ": 'answers' is not a list");
        }
        List<Answer> read = new ArrayList<>();
        for (JsonNode a : answers) {
            String outcome = a.path("outcome").asText();
            read.add(new Answer(version(a.path("version").asText(ProtocolVersion.TLSv1_2.displayName())),
                    scheme(a.path("offered").textValue()), OUTCOMES.find(outcome).orElseThrow(() ->
                    new IllegalArgumentException(ID + ": 'outcome' is " + outcome + ", not one of "
                            + OUTCOMES.alternatives())),
                    Optional.ofNullable(a.path("used").textValue()).map(SignatureAlgorithmsJson::scheme),
                    Optional.ofNullable(a.path("detail").textValue())));
        }
        return new Part(judgement, read);
    }

    @Override
    public String summary(Part part) {
        StringBuilder b = new StringBuilder(part.judgement().toString());
        for (boolean tls13 : new boolean[] {false, true}) {
            for (Outcome o : Outcome.values()) {
                String these = part.answers().stream().filter(a -> a.tls13() == tls13 && a.outcome() == o)
                        .map(Answer::describe).collect(Collectors.joining(", "));
                if (!these.isEmpty()) {
                    b.append("; ").append(tls13 ? "TLS 1.3 " : "").append(o.label()).append(": ").append(these);
                }
            }
        }
        return b.toString();
    }

    /** TLSv1.2 or TLSv1.3, the versions asked. */
    private static ProtocolVersion version(String text) {
        return ProtocolVersion.parse(text).filter(v -> v.equals(ProtocolVersion.TLSv1_2)
                || v.equals(ProtocolVersion.TLSv1_3)).orElseThrow(() -> new IllegalArgumentException(ID
                + ": 'version' is " + text + ", not TLSv1.2 or TLSv1.3"));
    }

    /** A scheme by its name, or by its code in hex for one without a name. */
    static SignatureScheme scheme(String name) {
        if (name == null) {
            throw new IllegalArgumentException(ID + ": 'offered' is required");
        }
        return SignatureScheme.byName(name).orElseGet(() -> {
            int code = Hex.parseU16(name);
            if (code < 0) {
                throw new IllegalArgumentException(ID + ": not a signature scheme: " + name);
            }
            return SignatureScheme.of(code);
        });
    }
}
