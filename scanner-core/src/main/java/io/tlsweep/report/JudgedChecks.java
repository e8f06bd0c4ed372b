package io.tlsweep.report;

import io.tlsweep.check.Judgement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active checks of a run as its lines say them, folded one line at a time: per check, the endpoints per result,
 * and a row per endpoint for report.html's Checks table (endpoints with a vulnerable result kept apart, so the cap
 * never hides them behind the others). Only the checks that gave a judgement count. Not thread-safe.
 */
final class JudgedChecks {
    /** What one active check concluded on one endpoint. */
    record Cell(Judgement judgement, int connections) {
    }

    /** One endpoint: its active checks' cells by check id. */
    record Row(String endpoint, Map<String, Cell> cells) {
        Row {
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        }

        int connections() {
            return cells.values().stream().mapToInt(Cell::connections).sum();
        }

        boolean vulnerable() {
            return cells.values().stream().anyMatch(c -> c.judgement().vulnerable());
        }
    }

    private final List<String> order;
    private final Map<String, Map<Judgement.Result, Long>> counts = new LinkedHashMap<>();
    private final Capped<Row> vulnerable;
    private final Capped<Row> others;

    /**
     * @param order the registry's active checks: the order of the columns (checks met only in the lines follow, in
     *     the order met)
     * @param cap rows kept of endpoints with a vulnerable result, and of the others
     */
    JudgedChecks(List<String> order, int cap) {
        this.order = List.copyOf(order);
        this.vulnerable = new Capped<>(cap);
        this.others = new Capped<>(cap);
    }

    void add(ResultJson r, String endpoint) {
        if (r.checks() == null) {
            return;
        }
        Map<String, Cell> cells = new LinkedHashMap<>();
        r.checks().forEach((id, check) -> {
            Optional<Judgement> j = check == null ? Optional.empty() : check.judgement();
            if (j.isPresent()) {
                cells.put(id, new Cell(j.get(), check.connections()));
                counts.computeIfAbsent(id, k -> seeded()).merge(j.get().result(), 1L, Long::sum);
            }
        });
        if (cells.isEmpty()) {
            return;
        }
        Row row = new Row(endpoint, cells);
        (row.vulnerable() ? vulnerable : others).add(row);
    }

    private static Map<Judgement.Result, Long> seeded() {
        Map<Judgement.Result, Long> m = new LinkedHashMap<>();
        for (Judgement.Result result : Judgement.Result.values()) {
            m.put(result, 0L);
        }
        return m;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The checks that gave a judgement on some endpoint: in the registry's order, then the others as met. */
    List<String> ids() {
        List<String> ids = new ArrayList<>(order.stream().filter(counts::containsKey).toList());
        counts.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    /** Endpoints per result of check {@code id}, every result present. */
    Map<Judgement.Result, Long> counts(String id) {
        return Collections.unmodifiableMap(counts.getOrDefault(id, seeded()));
    }

    long count(String id, Judgement.Result result) {
        return counts(id).get(result);
    }

    /** Endpoints with at least one vulnerable result, up to the cap. */
    Capped<Row> vulnerable() {
        return vulnerable;
    }

    /** Endpoints with judgements and none vulnerable, up to the cap. */
    Capped<Row> others() {
        return others;
    }
}
