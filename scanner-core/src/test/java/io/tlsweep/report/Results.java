package io.tlsweep.report;

import io.tlsweep.report.ResultJson.CertificateJson;
import io.tlsweep.report.ResultJson.FailureJson;
import io.tlsweep.report.ResultJson.FindingJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import io.tlsweep.result.WindowsSymptom;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Result lines built by hand, as {@code results.jsonl} would hold them. */
public final class Results {
    public static final String GCM = "0xC02F:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    public static final String CBC = "0xC013:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
    public static final String DES3 = "0x000A:TLS_RSA_WITH_3DES_EDE_CBC_SHA";
    public static final String AES13 = "0x1301:TLS_AES_128_GCM_SHA256";
    public static final String RSA_CBC = "0x002F:TLS_RSA_WITH_AES_128_CBC_SHA";
    /** Two leaf fingerprints. */
    public static final String SHA_A = "3fa1" + "0".repeat(60);
    public static final String SHA_B = "9bc2" + "1".repeat(60);

    private String target;
    private int port = 443;
    private String sni;
    private String status = "ok";
    private String verdict = "ready";
    private String reason = "TLS 1.2+ only";
    private final List<FindingJson> findings = new ArrayList<>();
    private FailureJson failure;
    private final List<ProtocolJson> protocols = new ArrayList<>();
    private final List<CertificateJson> certificates = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ChainJson chain;
    private int connections = 7;
    private long elapsedMs = 120;
    private Map<String, Object> prelude;
    private Map<String, CheckJson> checks;

    private Results(String target) {
        this.target = target;
    }

    public static Results endpoint(String target) {
        return new Results(target);
    }

    /** TLS 1.2 (GCM, CBC) and 1.3, server order, leaf {@link #SHA_A}: verdict ready, still to be built. */
    public static Results readyEndpoint(String target) {
        return endpoint(target).protocol("TLSv1.2", "server", GCM, CBC).protocol("TLSv1.3", "server", AES13)
                .leaf(SHA_A);
    }

    public static ResultJson ready(String target) {
        return endpoint(target).protocol("TLSv1.2", "server", GCM, CBC).protocol("TLSv1.3", "server", AES13).build();
    }

    public static ResultJson breaks(String target) {
        return endpoint(target).verdict("breaks-without-legacy")
                .reason("best version is TLSv1.0: clients with TLS 1.0/1.1 disabled cannot connect")
                .protocol("TLSv1.0", "client", CBC, DES3).finding("cbc-tls10-beast", "CBC with TLS 1.0")
                .finding("3des-sweet32", "3DES").build();
    }

    public static ResultJson legacy(String target) {
        return endpoint(target).verdict("legacy-enabled").reason("TLS 1.2+ works, but TLSv1.0 still accepted")
                .protocol("TLSv1.0", "server", CBC).protocol("TLSv1.2", "server", GCM, CBC)
                .finding("cbc-tls10-beast", "CBC with TLS 1.0").build();
    }

    public static ResultJson refused(String target) {
        return endpoint(target).status("unreachable").verdict("unreachable").reason("connect-refused: refused")
                .failure("connect-refused", "Connection refused", null,
                        new WindowsSymptom("10061", "No connection could be made", "Unable to connect", "Winsock"))
                .connections(1).build();
    }

    public Results sni(String s) {
        sni = s;
        return this;
    }

    public Results status(String s) {
        status = s;
        return this;
    }

    public Results verdict(String v) {
        verdict = v;
        return this;
    }

    public Results reason(String r) {
        reason = r;
        return this;
    }

    public Results finding(String kind, String detail) {
        findings.add(new FindingJson(kind, detail));
        return this;
    }

    /** A finding as a line of this build writes it, with its kind's severity. */
    public Results finding(String kind, String detail, String severity) {
        findings.add(new FindingJson(kind, detail, severity));
        return this;
    }

    public Results failure(String kind, String detail, String alert, WindowsSymptom w) {
        failure = new FailureJson(kind, detail, alert, w);
        return this;
    }

    /** Suites as "0xC02F:NAME", enumeration complete. */
    public Results protocol(String version, String order, String... suites) {
        return protocol(version, order, true, suites);
    }

    public Results protocol(String version, String order, boolean complete, String... suites) {
        protocols.add(new ProtocolJson(version, Arrays.stream(suites).map(s -> s.split(":", 2))
                .map(s -> new SuiteJson(s[0], s[1])).toList(), order, false, List.of("x25519"), null, complete, null));
        return this;
    }

    public Results withoutProtocols() {
        protocols.clear();
        return this;
    }

    public Results port(int p) {
        port = p;
        return this;
    }

    /** The served chain's first certificate (fake DER). */
    public Results leaf(String sha256) {
        certificates.clear();
        certificates.add(new CertificateJson(sha256, "AA=="));
        return this;
    }

    public Results noCertificates() {
        certificates.clear();
        return this;
    }

    /** Only the checked chain's fingerprint, no served certificates. */
    public Results checkedLeaf(String sha256) {
        certificates.clear();
        chain = new ChainJson("CN=x", "x", "CN=x", List.of(), "EC 256", "SHA256withECDSA", null, null, 90L, sha256, 1,
                "matches", "trusted", "system", false);
        return this;
    }

    public Results certificate(String commonName) {
        certificates.add(selfSigned(commonName));
        return this;
    }

    public Results rawCertificate(String sha256, String der) {
        certificates.add(new CertificateJson(sha256, der));
        return this;
    }

    public Results note(String n) {
        notes.add(n);
        return this;
    }

    public Results connections(int n) {
        connections = n;
        return this;
    }

    public Results elapsedMs(long ms) {
        elapsedMs = ms;
        return this;
    }

    /** The line's {@code prelude} object: the protocol, then the facts' fields as name, value pairs. */
    public Results prelude(String protocol, Object... fields) {
        prelude = new java.util.LinkedHashMap<>();
        prelude.put(ResultJson.PRELUDE_PROTOCOL, protocol);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            prelude.put((String) fields[i], fields[i + 1]);
        }
        return this;
    }

    /**
     * An active check's part: its result (vulnerable, not-vulnerable...) and reason, as the line carries them and as
     * the check writes them into its part ({@code null} result: a check that gives no judgement).
     */
    public Results check(String id, String result, String reason, int connections) {
        return check(id, result, reason, connections,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    }

    /** An active check's part, with the fields the check writes besides its result and reason in {@code part}. */
    public Results check(String id, String result, String reason, int connections,
            com.fasterxml.jackson.databind.node.ObjectNode part) {
        if (checks == null) {
            checks = new java.util.LinkedHashMap<>();
        }
        if (result != null) {
            part.put("result", result).put("reason", reason);
        }
        checks.put(id, new CheckJson(reason == null ? id : id + ": " + reason, result, result == null ? null : reason, connections, part));
        return this;
    }

    public ResultJson build() {
        return new ResultJson(ResultJson.SCHEMA, target, "input.txt:1", host(target), "127.0.0.9", port, sni, status,
                verdict, reason, List.copyOf(findings), failure, List.copyOf(protocols), Map.of(), List.of("x25519"),
                null, null, null, null, null, chain,
                List.copyOf(certificates), List.copyOf(notes), connections, elapsedMs, null, checks, prelude, null, null,
                null, null);
    }

    /** The host a target names: without its ":port" (and brackets), as a scan writes it. */
    private static String host(String target) {
        String host = target.matches(".*:[0-9]+") ? target.substring(0, target.lastIndexOf(':')) : target;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A self-signed certificate whose subject CN and O are {@code commonName}, as the server chose them. */
    public static CertificateJson selfSigned(String commonName) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            KeyPair keys = g.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName)
                    .addRDN(BCStyle.O, commonName).build();
            Date from = new Date(1_700_000_000_000L);
            Date to = new Date(1_900_000_000_000L);
            byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, from, to, name, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
            return new CertificateJson(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)),
                    Base64.getEncoder().encodeToString(der));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
