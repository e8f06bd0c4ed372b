package io.tlsweep.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of cipher suites: every row of {@code tls-cipher-suites.csv} plus the two signalling
 * suites. The table is read once, on first use, into immutable maps (class-holder initialisation
 * makes that thread-safe); a bad table fails that first use with the offending line.
 */
public final class CipherSuites {

    private CipherSuites() {
    }

    /** Every real suite of the table, in code order; the signalling suites are not included. */
    public static List<CipherSuite> all() {
        return Loaded.ALL;
    }

    /** The signalling suites: TLS_EMPTY_RENEGOTIATION_INFO_SCSV and TLS_FALLBACK_SCSV. */
    public static List<CipherSuite> signalling() {
        return List.of(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV, CipherSuite.TLS_FALLBACK_SCSV);
    }

    /**
     * Every suite usable in {@code version}, in code order, signalling suites excluded: for SSLv3,
     * TLS 1.0 and TLS 1.1 the pre-TLS 1.2 suites whose minimum version is at most that version; for
     * TLS 1.2 every suite that is not TLS 1.3-only; for TLS 1.3 (and its drafts) the TLS 1.3 suites.
     * Empty for versions that are not SSLv3..TLS 1.3.
     */
    public static List<CipherSuite> forVersion(ProtocolVersion version) {
        List<CipherSuite> usable = new ArrayList<>();
        for (CipherSuite suite : Loaded.ALL) {
            if (suite.usableIn(version)) {
                usable.add(suite);
            }
        }
        return List.copyOf(usable);
    }

    /** How many suites the table holds (signalling suites not counted). */
    public static int size() {
        return Loaded.ALL.size();
    }

    /** The registered suite with this code, or null. */
    static CipherSuite registered(int code) {
        return Loaded.TABLE.byCodeOrNull(code);
    }

    static Optional<CipherSuite> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String trimmed = name.trim();
        Optional<CipherSuite> direct = Loaded.TABLE.byName(trimmed);
        if (direct.isPresent()) {
            return direct;
        }
        String upper = trimmed.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SSL_")) {
            return Loaded.TABLE.byName("TLS_" + trimmed.substring(4));
        }
        if (upper.startsWith("TLS_")) {
            return Loaded.TABLE.byName("SSL_" + trimmed.substring(4));
        }
        return Optional.empty();
    }

    /** Holder: loaded on first use, exactly once, by the JVM's class initialisation lock. */
    private static final class Loaded {
        static final List<CipherSuite> ALL = inCodeOrder(CipherSuiteTable.load());
        static final CodeTable<CipherSuite> TABLE = new CodeTable<>("CipherSuite",
                withSignalling(ALL), CipherSuite::code, CipherSuite::lookupNames);

        private static List<CipherSuite> inCodeOrder(List<CipherSuite> suites) {
            List<CipherSuite> sorted = new ArrayList<>(suites);
            sorted.sort(Comparator.comparingInt(CipherSuite::code));
            return List.copyOf(sorted);
        }

        private static List<CipherSuite> withSignalling(List<CipherSuite> suites) {
            List<CipherSuite> entries = new ArrayList<>(suites);
            entries.addAll(signalling());
            return entries;
        }
    }
}
