package io.tlsweep.result;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.Optional;

/**
 * How much a kind of finding weighs, in the words scanners and advisories share (CVSS's qualitative scale, with
 * "info" for a fact that is no weakness by itself). Most severe first: the order reports sort by.
 */
public enum Severity implements Labelled {
    /** Traffic can be read or taken over now, with little effort (no encryption, no authentication, leaked memory). */
    CRITICAL("critical"),
    /** A practical attack or an outage for ordinary clients (broken ciphers, invalid certificates, plain text). */
    HIGH("high"),
    /** An attack that needs much effort or special conditions, or a weakness with a deadline (3DES, expiring soon). */
    MEDIUM("medium"),
    /** Hardening: mitigated by every current client, or a matter of preference. */
    LOW("low"),
    /** A fact worth knowing, not a weakness (SNI required, the scan's own cross-checks). */
    INFO("info");

    private static final Labels<Severity> LABELS = Labels.of(Severity.class);

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The severity written as {@code label}, if any. */
    public static Optional<Severity> ofLabel(String label) {
        return LABELS.find(label);
    }
}
