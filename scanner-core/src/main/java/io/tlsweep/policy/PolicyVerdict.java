package io.tlsweep.policy;

/** An endpoint's standing against a policy. */
public enum PolicyVerdict {
    COMPLIANT("compliant"),
    NOT_COMPLIANT("not compliant"),
    /** Nothing was scanned to judge: the endpoint failed, or accepted no version. */
    NOT_APPLICABLE("not applicable");

    private final String label;

    PolicyVerdict(String label) {
        this.label = label;
    }

    /** The words every output uses. */
    public String label() {
        return label;
    }
}
