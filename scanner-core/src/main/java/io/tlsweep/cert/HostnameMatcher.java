package io.tlsweep.cert;

import io.tlsweep.text.IpLiteral;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches a reference name against a leaf certificate, following RFC 6125 as browsers apply it:
 * <ul>
 * <li>An IP literal (IPv4, IPv6, bracketed or not) matches only an iPAddress subjectAltName with the same
 * bytes: never a dNSName, never a wildcard, never the CN. Literals are read by {@link IpLiteral}, the syntax the
 * targets have (RFC 3986): text meant as one but malformed ({@code 010.0.0.1}, {@code fe80::1%eth0},
 * {@code 1.2.3.4.}, {@code host.123}) matches nothing, and the detail says why.</li>
 * <li>A DNS name is compared ASCII case-insensitively with one trailing dot ignored on both sides.
 * Non-ASCII names are not converted: pass A-labels ({@code xn--...}) as the SNI carries them.</li>
 * <li>A wildcard is accepted only as the whole left-most label ({@code *.example.com}); it matches
 * exactly one non-empty label ({@code a.example.com}, not {@code example.com}, not {@code a.b.example.com}).
 * Partial-label wildcards ({@code f*.example.com}), wildcards in other labels and wildcards directly
 * over a single label ({@code *.com}) match nothing but their literal text. A reference name holding
 * {@code *} matches nothing.</li>
 * <li>CN fallback (RFC 6125 §6.4.4): the subject CN is consulted only when the certificate has no
 * dNSName at all (an iPAddress SAN alone does not stop it), as OpenSSL, Java and .NET still do for old
 * internal certificates; the match then names {@code CN:...} so reports can show it. When any dNSName
 * is present the CN is ignored, as every client does.</li>
 * </ul>
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** Checks {@code name} (SNI name, or the target's IP literal; empty = nothing to check). */
    public static NameMatch match(CertificateFacts leaf, Optional<String> name) {
        if (name.isEmpty() || name.get().isBlank()) {
            return NameMatch.notChecked("no name to check (no SNI name and the target is not an IP literal)");
        }
        String reference = name.get();
        IpLiteral.Parsed literal = IpLiteral.parse(reference);
        if (literal instanceof IpLiteral.Address) {
            for (String ip : leaf.ipAddresses()) {
                if (IpLiteral.parse(ip).equals(literal)) {
                    return NameMatch.matched(reference, "IP:" + ip);
                }
            }
            return NameMatch.mismatched(reference, "address " + reference + " not in SAN " + leaf.subjectAltNames());
        }
        if (literal instanceof IpLiteral.Malformed malformed) {
            return NameMatch.mismatched(reference, malformed.why() + ", so it matches no name");
        }
        List<String> dnsNames = leaf.dnsNames();
        if (!dnsNames.isEmpty()) {
            for (String presented : dnsNames) {
                if (dnsMatches(presented, reference)) {
                    return NameMatch.matched(reference, "DNS:" + presented);
                }
            }
            return NameMatch.mismatched(reference, "name " + reference + " not in SAN " + leaf.subjectAltNames());
        }
        Optional<String> cn = leaf.subjectCommonName();
        if (cn.isPresent() && dnsMatches(cn.get(), reference)) {
            return NameMatch.matched(reference, "CN:" + cn.get());
        }
        return NameMatch.mismatched(reference, "name " + reference + " not in SAN " + leaf.subjectAltNames()
                + cn.map(c -> " nor CN " + c).orElse(" and no CN"));
    }

    /** Whether a presented DNS identifier (possibly a wildcard) matches a reference DNS name. */
    static boolean dnsMatches(String presented, String reference) {
        String p = normalise(presented);
        String r = normalise(reference);
        if (r.isEmpty() || p.isEmpty() || r.contains("*")) {
            return false;
        }
        if (p.equals(r)) {
            return true;
        }
        if (!p.startsWith("*.")) {
            return false;
        }
        String base = p.substring(2);
        int firstDot = r.indexOf('.');
        return base.contains(".") && !base.contains("*") && firstDot > 0 && r.substring(firstDot + 1).equals(base);
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
