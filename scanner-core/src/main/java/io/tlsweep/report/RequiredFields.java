package io.tlsweep.report;

import io.tlsweep.profile.ClientMessage;
import io.tlsweep.result.WindowsSymptom;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code results.jsonl} line must hold for every view to read it: the fields tlsweep always writes,
 * and no null inside a list or map. A line without them was not written whole by tlsweep (edited by hand,
 * or by another tool), and the reader reports it instead of handing it on.
 */
final class RequiredFields {
    private static final Map<Class<?>, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry(ResultJson.class, Set.of("schema", "target", "origin", "host", "status", "verdict", "reason")),
            Map.entry(ResultJson.FindingJson.class, Set.of("kind", "detail")),
            Map.entry(ResultJson.FailureJson.class, Set.of("kind", "detail")),
            Map.entry(WindowsSymptom.class, Set.of("code", "text", "dotNet", "basis")),
            Map.entry(ResultJson.ProtocolJson.class, Set.of("version", "cipherSuites", "order")),
            Map.entry(ResultJson.SuiteJson.class, Set.of("code", "name")),
            Map.entry(ResultJson.CertificateJson.class, Set.of("sha256", "der")),
            Map.entry(ConfirmationJson.class, Set.of("outcome", "expectedVersion", "detail")),
            Map.entry(ProfileJson.class, Set.of("id", "name", "predicted")),
            Map.entry(ProfileJson.OutcomeJson.class, Set.of("result")),
            Map.entry(ProfileJson.LossJson.class, Set.of("id", "name", "today", "after")),
            Map.entry(ProfileJson.WhatIfJson.class, Set.of("disabled", "loses")),
            Map.entry(ClientMessage.class, Set.of("code", "text", "application", "source")),
            Map.entry(ChainJson.class, Set.of("nameCheck", "validation", "anchors")),
            Map.entry(Tls13FlightJson.class, Set.of("reached", "signature")));

    private RequiredFields() {
    }

    /** Where the first missing field is ({@code "profiles[2].predicted"}), or empty when the line is whole. */
    static Optional<String> firstMissing(ResultJson line) {
        Optional<String> missing = inRecord(line, "");
        if (missing.isEmpty() && line.prelude() != null && line.preludeProtocol().filter(p -> !p.isEmpty()).isEmpty()) {
            return Optional.of("prelude." + ResultJson.PRELUDE_PROTOCOL); // the protocol is part of the endpoint
        }
        return missing;
    }

    private static Optional<String> inRecord(Object record, String path) {
        Set<String> required = REQUIRED.getOrDefault(record.getClass(), Set.of());
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            String at = path.isEmpty() ? c.getName() : path + "." + c.getName();
            Object value = value(c, record);
            Optional<String> missing = value == null ? Optional.of(at).filter(a -> required.contains(c.getName()))
                    : inValue(value, at);
            if (missing.isPresent()) {
                return missing;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inValue(Object value, String at) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> missing = element(list.get(i), at + "[" + i + "]");
                if (missing.isPresent()) {
                    return missing;
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Optional<String> missing = element(e.getValue(), at + "." + e.getKey());
                if (missing.isPresent()) {
                    return missing;
                }
            }
        } else if (value.getClass().isRecord()) {
            return inRecord(value, at);
        }
        return Optional.empty();
    }

    private static Optional<String> element(Object element, String at) {
        return element == null ? Optional.of(at) : inValue(element, at);
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c + " of a result line", e);
        }
    }
}
