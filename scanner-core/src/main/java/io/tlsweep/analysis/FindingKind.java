package io.tlsweep.analysis;

/** Findings reported beside the verdict. */
public enum FindingKind {
    RC4("rc4", "RC4 cipher suites accepted (RFC 7465 prohibits them)"),
    SWEET32("3des-sweet32", "3DES cipher suites accepted (SWEET32, CVE-2016-2183)"),
    EXPORT("export-freak", "export-grade cipher suites accepted (FREAK/Logjam)"),
    NULL_CIPHER("null-cipher", "cipher suites without encryption accepted"),
    ANONYMOUS("anonymous", "anonymous (unauthenticated) key exchange accepted"),
    DES("des", "single-DES cipher suites accepted"),
    MD5("md5", "MD5-based cipher suites accepted"),
    SSLV3("sslv3-poodle", "SSLv3 accepted (POODLE, CVE-2014-3566)"),
    BEAST("cbc-tls10-beast", "CBC cipher suites with TLS 1.0 (BEAST, CVE-2011-3389)"),
    NO_FORWARD_SECRECY("no-forward-secrecy", "no cipher suite with forward secrecy, or one without it preferred"),
    CLIENT_ORDER("client-order", "the client's cipher order decides, not the server's"),
    SNI_REQUIRED("sni-required", "answers only with the right SNI name"),
    SMALL_DH_GROUP("small-dh-group", "DHE with a prime below 2048 bits (Logjam)");

    private final String label;
    private final String title;

    FindingKind(String label, String title) {
        this.label = label;
        this.title = title;
    }

    public String label() {
        return label;
    }

    public String title() {
        return title;
    }

    public static FindingKind ofLabel(String label) {
        for (FindingKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown finding '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
