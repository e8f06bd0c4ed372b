package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.HttpAuthCheck.Answer;
import io.tlsweep.check.HttpAuthCheck.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP authentication check's part in the result line: the judgement, {@code basic} (whether any path offered
 * it), {@code server} (the first answer's {@code Server} field, when one had it), and per path asked its
 * {@code status}, {@code schemes} and {@code server}, {@code not-http} for an answer that was no HTTP, or
 * {@code lost} with why. A line written before the server was kept reads back without it.
 */
final class HttpAuthJson implements PartJson<Part> {
    private static final String ID = "http-auth";

    @Override
    public ObjectNode write(Part part) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        part.judgement().writeTo(json);
        json.put("basic", part.basic());
        part.server().ifPresent(s -> json.put("server", s));
        ArrayNode answers = json.putArray("answers");
        for (Answer a : part.answers()) {
            ObjectNode o = answers.addObject().put("path", a.path());
            a.status().ifPresent(s -> o.put("status", s));
            if (a.status().isPresent()) {
                ArrayNode schemes = o.putArray("schemes");
                a.schemes().forEach(schemes::add);
            }
            a.server().ifPresent(s -> o.put("server", s));
            if (a.wasNotHttp()) {
                o.put("not-http", true);
            }
            a.lost().ifPresent(l -> o.put("lost", l));
        }
        return json;
    }

    @Override
    public Part read(JsonNode json) {
        JsonNode answers = json.path("answers");
        if (!answers.isArray()) {
            throw new IllegalArgumentException(ID + ": 'answers' is not a list");
        }
        List<Answer> read = new ArrayList<>();
        for (JsonNode a : answers) {
            String path = a.path("path").textValue();
            if (path == null) {
                throw new IllegalArgumentException(ID + ": an answer without its 'path'");
            }
            Optional<String> lost = Optional.ofNullable(a.path("lost").textValue());
            JsonNode status = a.path("status");
            if (status.isMissingNode()) {
                if (lost.isEmpty() && !a.path("not-http").asBoolean()) {
                    throw new IllegalArgumentException(ID + ": an answer with neither 'status', 'not-http' nor"
                            + " 'lost'");
                }
                read.add(lost.map(l -> Answer.lost(path, l)).orElseGet(() -> Answer.notHttp(path)));
                continue;
            }
            if (!status.isInt() || status.intValue() < 100 || status.intValue() > 999) {
                throw new IllegalArgumentException(ID + ": 'status' is not an HTTP status: " + status);
            }
            JsonNode schemes = a.path("schemes");
            if (!schemes.isArray()) {
                throw new IllegalArgumentException(ID + ": 'schemes' is not a list");
            }
            List<String> names = new ArrayList<>();
            for (JsonNode s : schemes) {
                if (!s.isTextual()) {
                    throw new IllegalArgumentException(ID + ": a scheme that is not text: " + s);
                }
                names.add(s.textValue());
            }
            JsonNode server = a.path("server");
            if (!server.isMissingNode() && !server.isTextual()) {
                throw new IllegalArgumentException(ID + ": 'server' is not text: " + server);
            }
            read.add(Answer.http(path, status.intValue(), names, Optional.ofNullable(server.textValue())));
        }
        return new Part(Judgement.readFrom(json, ID), read);
    }

    /** "vulnerable (/: 200, no challenge; /owa/: 401, Basic)"; the judgement itself when nothing was asked. */
    @Override
    public String summary(Part part) {
        return part.answers().isEmpty() ? part.judgement().toString() : part.judgement().result().label() + " ("
                + part.answers().stream().map(Answer::describe).collect(Collectors.joining("; ")) + ")";
    }
}
