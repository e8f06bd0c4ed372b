package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsweep.cert.CertificateFacts;
import io.tlsweep.cert.ChainReport;
import java.util.List;

/**
 * The served certificate chain as checked: leaf facts, name match, chain validation and the anchors used.
 * Strings here come from the server: every view escapes them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainJson(String subject, String commonName, String issuer, List<String> subjectAltNames, String key,
        String signature, String notBefore, String notAfter, Long daysLeft, String sha256, int chainLength,
        String nameCheck, String validation, String anchors, boolean ocspStapled) {

    public static ChainJson of(ChainReport c, boolean ocspStapled) {
        CertificateFacts leaf = c.leaf().orElse(null);
        return new ChainJson(leaf == null ? null : leaf.subject(),
                leaf == null ? null : leaf.subjectCommonName().orElse(null),
                leaf == null ? null : leaf.issuer(), leaf == null ? null : leaf.subjectAltNames(),
                leaf == null ? null : leaf.key().describe(), leaf == null ? null : leaf.signature().algorithm(),
                leaf == null ? null : leaf.notBefore().toString(), leaf == null ? null : leaf.notAfter().toString(),
                c.daysLeft().isPresent() ? c.daysLeft().getAsLong() : null,
                leaf == null ? null : leaf.sha256Fingerprint(), c.chain().size(), c.nameMatch().detail(),
                c.validation().summary(), c.anchors(), ocspStapled);
    }
}
