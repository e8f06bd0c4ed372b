package io.tlsweep.report.drift;

import io.tlsweep.report.ChainJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ResultJson.CertificateJson;
import io.tlsweep.report.ResultJson.FindingJson;
import io.tlsweep.report.ResultJson.ProtocolJson;
import io.tlsweep.report.ResultJson.SuiteJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Result lines built by hand for drift tests: only what drift reads, loopback addresses only. */
final class Lines {
    static final String GCM = "0xC02F:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    static final String CBC = "0xC013:TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA";
    static final String RSA_CBC = "0x002F:TLS_RSA_WITH_AES_128_CBC_SHA";
    static final String AES13 = "0x1301:TLS_AES_128_GCM_SHA256";
    static final String SHA_A = "3fa1" + "0".repeat(60);
    static final String SHA_B = "9bc2" + "1".repeat(60);

    private final String target;
    private int port = 443;
    private String sni;
    private String status = "ok";
    private String verdict = "ready";
    private final List<FindingJson> findings = new ArrayList<>();
    private final List<ProtocolJson> protocols = new ArrayList<>();
    private final List<CertificateJson> certificates = new ArrayList<>();
    private ChainJson chain;

    private Lines(String target) {
        this.target = target;
    }

    static Lines endpoint(String target) {
        return new Lines(target);
    }

    /** TLS 1.2 (GCM, CBC) and 1.3, server order, leaf {@link #SHA_A}: verdict ready. */
    static Lines ready(String target) {
        return endpoint(target).protocol("TLSv1.2", "server", GCM, CBC).protocol("TLSv1.3", "server", AES13)
                .leaf(SHA_A);
    }

    Lines port(int p) {
        port = p;
        return this;
    }

    Lines sni(String s) {
        sni = s;
        return this;
    }

    Lines status(String s) {
        status = s;
        return this;
    }

    Lines verdict(String v) {
        verdict = v;
        return this;
    }

    Lines finding(String kind, String detail) {
        findings.add(new FindingJson(kind, detail));
        return this;
    }

    /** Suites as "0xC02F:NAME", enumeration complete. */
    Lines protocol(String version, String order, String... suites) {
        return protocol(version, order, true, suites);
    }

    Lines protocol(String version, String order, boolean complete, String... suites) {
        protocols.add(new ProtocolJson(version, Arrays.stream(suites).map(s -> s.split(":", 2))
                .map(s -> new SuiteJson(s[0], s[1])).toList(), order, false, List.of("x25519"), null, complete, null));
        return this;
    }

    Lines withoutProtocols() {
        protocols.clear();
        return this;
    }

    /** The served chain's first certificate (fake DER). */
    Lines leaf(String sha256) {
        certificates.clear();
        certificates.add(new CertificateJson(sha256, "AA=="));
        return this;
    }

    Lines noCertificates() {
        certificates.clear();
        return this;
    }

    /** Only the checked chain's fingerprint, no served certificates. */
    Lines checkedLeaf(String sha256) {
        certificates.clear();
        chain = new ChainJson("CN=x", "x", "CN=x", List.of(), "EC 256", "SHA256withECDSA", null, null, 90L, sha256, 1,
                "matches", "trusted", "system", false);
        return this;
    }

    ResultJson build() {
        return new ResultJson(ResultJson.SCHEMA, target, "input.txt:1", "127.0.0.1", "127.0.0.1", port, sni, status,
                verdict, "", List.copyOf(findings), null, List.copyOf(protocols), Map.of(), List.of(), null, null, null,
                null, null, chain, List.copyOf(certificates), List.of(), 3, 10);
    }
}
