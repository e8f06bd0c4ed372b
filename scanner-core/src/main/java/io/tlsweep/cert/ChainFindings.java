package io.tlsweep.cert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Derives the {@link CertificateProblem}s of a chain from its facts, name match and validation. */
final class ChainFindings {

    private static final long DAY_SECONDS = 86_400;

    private ChainFindings() {
    }

    static List<CertificateProblem> of(List<ServedCertificate> chain, NameMatch name, ChainValidation validation,
                                       Instant now, int expiringSoonDays) {
        if (chain.isEmpty()) {
            return List.of(new CertificateProblem(CertificateFinding.NO_CERTIFICATE,
                    "no certificate served (anonymous cipher suite, or the chain was not captured)"));
        }
        Map<CertificateFinding, List<String>> found = new EnumMap<>(CertificateFinding.class);
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof UnparseableCertificate bad) {
                add(found, CertificateFinding.UNPARSEABLE, (i == 0 ? "leaf" : "certificate " + (i + 1)) + " of "
                        + chain.size() + " (" + bad.length() + " bytes): " + bad.reason());
            }
        }
        if (chain.get(0) instanceof CertificateFacts leaf) {
            validity(found, leaf, now, expiringSoonDays);
            if (leaf.selfSigned()) {
                add(found, CertificateFinding.SELF_SIGNED, "self-signed: " + leaf.subject());
            }
        }
        if (validation instanceof ChainValidation.Untrusted untrusted) {
            add(found, CertificateFinding.UNTRUSTED, untrusted.reason());
        } else if (validation instanceof ChainValidation.IncompleteChain incomplete) {
            add(found, CertificateFinding.INCOMPLETE_CHAIN, "issuer " + incomplete.missingIssuer()
                    + " not served (published at " + String.join(", ", incomplete.caIssuerUrls())
                    + "); serve it after the leaf: clients that do not fetch it refuse the chain");
        }
        if (name.outcome() == NameMatch.Outcome.MISMATCHED) {
            add(found, CertificateFinding.NAME_MISMATCH, name.detail());
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof CertificateFacts cert) {
                String where = i == 0 ? "" : " on " + cert.subject();
                if (cert.key().weak()) {
                    add(found, CertificateFinding.WEAK_KEY, cert.key().describe() + " key" + where);
                }
                if (cert.signature().weakHash() && (i == 0 || !cert.selfSigned())) {
                    add(found, CertificateFinding.SHA1_SIGNATURE, cert.signature().algorithm() + " signature" + where);
                }
            }
        }
        List<CertificateProblem> problems = new ArrayList<>();
        found.forEach((finding, details) -> problems.add(new CertificateProblem(finding, String.join("; ", details))));
        return problems;
    }

    /** Whole days from {@code now} to the leaf's end, rounded down (negative once expired). */
    static long daysLeft(CertificateFacts leaf, Instant now) {
        return Math.floorDiv(Duration.between(now, leaf.notAfter()).getSeconds(), DAY_SECONDS);
    }

    private static void validity(Map<CertificateFinding, List<String>> found, CertificateFacts leaf, Instant now,
                                 int expiringSoonDays) {
        if (now.isAfter(leaf.notAfter())) {
            long ago = Math.floorDiv(Duration.between(leaf.notAfter(), now).getSeconds(), DAY_SECONDS);
            add(found, CertificateFinding.EXPIRED, "expired " + date(leaf.notAfter()) + " (" + days(ago) + " ago)");
        } else if (now.isBefore(leaf.notBefore())) {
            long in = -Math.floorDiv(-Duration.between(now, leaf.notBefore()).getSeconds(), DAY_SECONDS);
            add(found, CertificateFinding.NOT_YET_VALID, "valid from " + date(leaf.notBefore()) + " (in " + days(in)
                    + ")");
        } else if (daysLeft(leaf, now) < expiringSoonDays) {
            add(found, CertificateFinding.EXPIRING_SOON, "expires " + date(leaf.notAfter()) + " ("
                    + days(daysLeft(leaf, now)) + " left, threshold " + expiringSoonDays + ")");
        }
    }

    private static void add(Map<CertificateFinding, List<String>> found, CertificateFinding finding, String detail) {
        found.computeIfAbsent(finding, f -> new ArrayList<>()).add(detail);
    }

    private static LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String days(long n) {
        return n == 1 ? "1 day" : n + " days";
    }
}
