package io.tlsweep.result;

import io.tlsweep.wire.Weakness;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of finding reported beside the verdict: its label (stable, written to the JSON lines), what it means in
 * a few words and how much it weighs ({@link Severity}), for the reports. The kinds below are tlsweep's own; a check contributes its kinds with
 * {@link #of}, and {@code analysis.FindingKinds} holds them all, certificate findings included, in one taxonomy.
 *
 * <p>A scan rule that reports the accepted suites with one {@link Weakness} has it as its key ({@link #weakness()}):
 * its label stays what the JSON lines and baselines have always said ("3des-sweet32"), and {@link #reporting} finds
 * it from the weakness. RC2 has no rule of its own: every RC2 suite is export grade, so {@link #EXPORT} reports it.
 */
public final class FindingKind {
    public static final FindingKind RC4 = new FindingKind("rc4",
            "RC4 cipher suites accepted (RFC 7465 prohibits them)", Severity.HIGH, Weakness.RC4);
    /** Medium: the birthday attack needs some 2^32 blocks (hundreds of GB) on one connection. */
    public static final FindingKind SWEET32 = new FindingKind("3des-sweet32",
            "3DES cipher suites accepted (SWEET32, CVE-2016-2183)", Severity.MEDIUM, Weakness.TRIPLE_DES);
    /** Critical: 512-bit keys are broken in hours; a man in the middle forces them (FREAK). */
    public static final FindingKind EXPORT = new FindingKind("export-freak",
            "export-grade cipher suites accepted (FREAK/Logjam)", Severity.CRITICAL, Weakness.EXPORT);
    public static final FindingKind NULL_CIPHER = new FindingKind("null-cipher",
            "cipher suites without encryption accepted", Severity.CRITICAL, Weakness.NULL);
    /** Critical: without authentication any man in the middle takes the connection over. */
    public static final FindingKind ANONYMOUS = new FindingKind("anonymous",
            "anonymous (unauthenticated) key exchange accepted", Severity.CRITICAL, Weakness.ANONYMOUS);
    /** High: a 56-bit key is found by brute force in a day. */
    public static final FindingKind DES = new FindingKind("des", "single-DES cipher suites accepted", Severity.HIGH,
            Weakness.DES);
    /** Medium: HMAC-MD5 is not broken as a MAC, but MD5 is deprecated everywhere and its suites are old. */
    public static final FindingKind MD5 = new FindingKind("md5", "MD5-based cipher suites accepted", Severity.MEDIUM,
            Weakness.MD5);
    public static final FindingKind SSLV3 = new FindingKind("sslv3-poodle", "SSLv3 accepted (POODLE, CVE-2014-3566)",
            Severity.HIGH);
    /** Low: every current client splits CBC records (1/n-1), which defeats BEAST. */
    public static final FindingKind BEAST = new FindingKind("cbc-tls10-beast",
            "CBC cipher suites with TLS 1.0 (BEAST, CVE-2011-3389)", Severity.LOW);
    /**
     * Info: CBC suites in TLS ≤ 1.2 leak padding through MAC timing (Lucky Thirteen: AlFardan and Paterson, IEEE S&P
     * 2013, CVE-2013-0169); every maintained stack has constant-time CBC decryption since, so it is a note that
     * AEAD suites are the better choice, not an exploitable flaw.
     */
    public static final FindingKind LUCKY13 = new FindingKind("cbc-lucky13",
            "CBC cipher suites in TLS ≤ 1.2 (Lucky Thirteen, CVE-2013-0169)", Severity.INFO, Weakness.CBC);
    /** Medium: recorded traffic can be read once the server's key leaks, not before. */
    public static final FindingKind NO_FORWARD_SECRECY = new FindingKind("no-forward-secrecy",
            "no cipher suite with forward secrecy, or one without it preferred", Severity.MEDIUM);
    /** Low: current clients offer strong suites first, so their own order picks well. */
    public static final FindingKind CLIENT_ORDER = new FindingKind("client-order",
            "the client's cipher order decides, not the server's", Severity.LOW);
    public static final FindingKind SNI_REQUIRED = new FindingKind("sni-required",
            "answers only with the right SNI name", Severity.INFO);
    /** Medium: a 1024-bit group takes a nation-state's precomputation (Logjam); 512-bit ones are export suites. */
    public static final FindingKind SMALL_DH_GROUP = new FindingKind("small-dh-group",
            "DHE with a prime below 2048 bits (Logjam)", Severity.MEDIUM);
    /**
     * A suite accepted in a version the registry says it does not belong to (a TLS 1.2-only suite in TLS 1.1). Low:
     * a server bug strict clients refuse, not a weakness of the suite.
     */
    public static final FindingKind SUITE_OFF_VERSION = new FindingKind("suite-off-version",
            "accepts a suite in a version it does not belong to", Severity.LOW);
    /**
     * A real TLS stack's handshake negotiated something other than the raw scan predicts. Info: about the scan's
     * own measurement, not the server's security.
     */
    public static final FindingKind REAL_STACK_DISAGREES = new FindingKind("real-stack-disagrees",
            "a real TLS handshake did not negotiate what the raw scan predicts", Severity.INFO);
    /** A client profile's own hello got something other than its prediction. Info: about the prediction. */
    public static final FindingKind PROFILE_DISAGREES = new FindingKind("profile-prediction-disagrees",
            "a client profile's own hello got something other than predicted", Severity.INFO);

    /** A password may travel in plain text before TLS: the service offers a plain-text login mechanism. */
    public static final FindingKind PLAIN_TEXT_AUTH_BEFORE_TLS = new FindingKind("plain-text-auth-before-tls",
            "a plain-text login is offered before TLS (passwords may travel unencrypted)", Severity.HIGH);
    /** The service lets clients in without TLS (no STARTTLS, standard RDP security, TDS without encryption). */
    public static final FindingKind SERVICE_WITHOUT_TLS = new FindingKind("service-without-tls",
            "the service lets clients in without TLS", Severity.HIGH);

    /** The rules over what a prelude learned, in the order their findings are listed. */
    public static final List<FindingKind> PRELUDE_RULES = List.of(SERVICE_WITHOUT_TLS, PLAIN_TEXT_AUTH_BEFORE_TLS);

    /** The rules over the scan's facts, in the order their findings are listed (and counted in summary.json). */
    public static final List<FindingKind> SCAN_RULES = List.of(RC4, SWEET32, EXPORT, NULL_CIPHER, ANONYMOUS, DES, MD5,
            SSLV3, BEAST, LUCKY13, NO_FORWARD_SECRECY, CLIENT_ORDER, SNI_REQUIRED, SMALL_DH_GROUP,
            SUITE_OFF_VERSION);

    private final String label;
    private final String title;
    private final Severity severity;
    private final Weakness weakness;

    private FindingKind(String label, String title, Severity severity) {
        this(label, title, severity, null);
    }

    private FindingKind(String label, String title, Severity severity, Weakness weakness) {
        this.label = Objects.requireNonNull(label, "label");
        this.title = Objects.requireNonNull(title, "title");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.weakness = weakness;
        if (!label.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a finding label is lower-case words joined by '-': '" + label + "'");
        }
    }

    /** A kind a check contributes; keep it in a constant, as kinds are compared by identity. */
    public static FindingKind of(String label, String title, Severity severity) {
        return new FindingKind(label, title, severity);
    }

    /**
     * A kind a check contributes with no severity of its own: {@link Severity#MEDIUM}, the middle of the scale. A
     * check that knows better says so with {@link #of(String, String, Severity)}.
     */
    public static FindingKind of(String label, String title) {
        return new FindingKind(label, title, Severity.MEDIUM);
    }

    public String label() {
        return label;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }

    /** The weakness whose accepted suites this rule reports; empty for rules about something else. */
    public Optional<Weakness> weakness() {
        return Optional.ofNullable(weakness);
    }

    /** The scan rule that reports the accepted suites with {@code weakness}; empty for RC2 (see above). */
    public static Optional<FindingKind> reporting(Weakness weakness) {
        return SCAN_RULES.stream().filter(k -> k.weakness == weakness).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
