package io.tlsweep.analysis;

import io.tlsweep.text.Labelled;

/** The readiness of one endpoint for "TLS 1.0 and 1.1 switched off", most urgent first. */
public enum Verdict implements Labelled {
    /** The best version is below TLS 1.2: clients with TLS 1.0/1.1 disabled cannot connect. */
    BREAKS_WITHOUT_LEGACY("breaks-without-legacy"),
    /** TLS 1.2 is accepted only with suites strong-crypto clients no longer offer. */
    NO_COMMON_ALGORITHM_RISK("no-common-algorithm-risk"),
    /** TLS 1.2+ works, but TLS 1.0/1.1 or SSLv3 are still accepted. */
    LEGACY_ENABLED("legacy-enabled"),
    /** TLS 1.2+ only, with suites modern clients offer. */
    READY("ready"),
    /** No TLS client gets through: nothing listens, nothing answers, or every hello is turned down. */
    UNREACHABLE("unreachable"),
    /** Something answered that is not TLS. */
    NOT_TLS("not-tls"),
    /**
     * The service answered in its own protocol and offers no TLS (no STARTTLS, standard RDP security only, TDS
     * without encryption): there is no TLS to retire, and its clients connect without any.
     */
    TLS_NOT_OFFERED("tls-not-offered"),
    /**
     * The endpoint's answers contradicted each other and asking again did not settle them: what was seen is
     * reported, no verdict is built on a lost answer.
     */
    INCONSISTENT("inconsistent"),
    /** Not scanned: the address is out of scope (an exclusion, or an address tlsweep never connects to). */
    EXCLUDED("excluded");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
