package io.tlsweep.cert;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;

/** Certificate problems a chain report can carry; labels are stable and used in JSON. */
public enum CertificateFinding implements Labelled {
    NO_CERTIFICATE("no-certificate", "no certificate served (anonymous suite, or none captured)"),
    UNPARSEABLE("cert-unparseable", "a served certificate is not a readable X.509 certificate"),
    EXPIRED("cert-expired", "the leaf certificate has expired"),
    NOT_YET_VALID("cert-not-yet-valid", "the leaf certificate is not valid yet"),
    EXPIRING_SOON("cert-expiring-soon", "the leaf certificate expires soon"),
    SELF_SIGNED("cert-self-signed", "the leaf certificate is self-signed"),
    UNTRUSTED("cert-untrusted", "the chain does not lead to a trust anchor"),
    INCOMPLETE_CHAIN("cert-incomplete-chain", "the server does not send an intermediate certificate"),
    NAME_MISMATCH("cert-name-mismatch", "the leaf certificate is not valid for the name asked for"),
    WEAK_KEY("cert-weak-key", "a key below 2048 bits (RSA, DSA) or 224 bits (EC)"),
    SHA1_SIGNATURE("cert-sha1-signature", "a certificate signed with SHA-1 or MD5");

    private static final Labels<CertificateFinding> LABELS = Labels.of(CertificateFinding.class);

    private final String label;
    private final String title;

    CertificateFinding(String label, String title) {
        this.label = label;
        this.title = title;
    }

    @Override
    public String label() {
        return label;
    }

    public String title() {
        return title;
    }

    /** @throws IllegalArgumentException for a label no finding has, listing those there are */
    public static CertificateFinding ofLabel(String label) {
        return LABELS.require(label, "certificate finding");
    }

    @Override
    public String toString() {
        return label;
    }
}
