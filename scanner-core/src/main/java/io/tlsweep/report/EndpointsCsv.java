package io.tlsweep.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code endpoints.csv}: one row per endpoint, written as results stream by. When the run has client profiles, a
 * column per profile follows (its id: what it negotiates, or "fails: ..." with the message the client shows),
 * then the profiles lost when TLS 1.0/1.1 go and under the user's what-if. The profile columns are taken from
 * the first result, as every result of a run carries the same profiles.
 */
public final class EndpointsCsv implements Closeable {
    /** The header row. */
    public static final List<String> COLUMNS;

    static {
        List<String> c = new ArrayList<>(List.of("target", "origin", "address", "port", "sni", "status", "verdict",
                "reason", "bestVersion"));
        c.addAll(EndpointFacts.VERSION_COLUMNS);
        c.addAll(List.of("suites", "order", "findings", "failure", "windowsCode", "certificate",
                "certificateCommonName", "certificateOrganization", "certificateNotAfter", "connections", "elapsedMs"));
        COLUMNS = List.copyOf(c);
    }

    private final Writer out;
    private CsvRows rows;
    private List<String> profileIds;

    /** The profile columns are those of the first result line. */
    public EndpointsCsv(Writer out) {
        this(out, null);
    }

    /** @param profileIds the profile columns, or null to take them from the first result line */
    public EndpointsCsv(Writer out, List<String> profileIds) {
        this.out = out;
        this.profileIds = profileIds == null ? null : List.copyOf(profileIds);
    }

    private CsvRows rows(ResultJson first) {
        if (rows == null) {
            List<String> columns = new ArrayList<>(COLUMNS);
            if (profileIds == null) {
                profileIds = first != null && first.profiles() != null
                        ? first.profiles().stream().map(ProfileJson::id).toList() : List.of();
            }
            if (!profileIds.isEmpty()) {
                columns.addAll(profileIds);
                columns.add("losesIfLegacyOff");
                columns.add("whatIfLoses");
            }
            rows = new CsvRows(out, columns);
        }
        return rows;
    }

    public void write(EndpointFacts e) {
        ResultJson r = e.result();
        CsvRows rows = rows(r);
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.addAll(Arrays.asList(r.target(), r.origin(), r.address(), r.port(), r.sni(), r.status(),
                r.verdict(), r.reason(), e.best()));
        for (String v : EndpointFacts.VERSION_COLUMNS) {
            cells.add(e.accepts(v) ? "yes" : "no");
        }
        LeafCertificate leaf = LeafCertificate.of(r.certificates()).orElse(null);
        cells.addAll(Arrays.asList(e.suites(), e.order(), e.findingsJoined(), e.failureLabel(),
                e.windows().code(), leaf == null ? "" : leaf.subject(), leaf == null ? "" : leaf.commonName(),
                leaf == null ? "" : leaf.organization(), leaf == null ? "" : leaf.notAfter(),
                r.connections(), r.elapsedMs()));
        if (!profileIds.isEmpty()) {
            for (String id : profileIds) {
                cells.add(r.profiles() == null ? "" : r.profiles().stream().filter(p -> p.id().equals(id))
                        .findFirst().map(ProfileTally::cell).orElse(""));
            }
            cells.add(lost(r.legacyOff()));
            cells.add(lost(r.whatIf()));
        }
        rows.row(cells.toArray());
    }

    private static String lost(ProfileJson.WhatIfJson w) {
        return w == null ? "" : String.join("; ", w.loses().stream().map(ProfileJson.LossJson::id).toList());
    }

    @Override
    public void close() throws IOException {
        rows(null).close();
    }
}
