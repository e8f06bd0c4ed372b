package io.tlsweep.advice;

import io.tlsweep.cert.CertificateFinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The certificate problems of an endpoint in a few words, shown next to its verdict so a "ready" endpoint with an
 * expired or self-signed certificate does not read as done: {@code ⚠ cert: expired, self-signed}. Drawn from the
 * certificate findings of its line (their labels); "untrusted" is left out beside "self-signed", which says why.
 *
 * @param problems the findings, in the taxonomy's order
 */
public record CertificateMark(List<CertificateFinding> problems) {
    /** What the mark starts with. */
    public static final String SIGN = "⚠ cert: ";

    public CertificateMark {
        problems = List.copyOf(problems);
    }

    /** The mark of the findings labelled {@code labels} (any finding's label; others are ignored); empty if none. */
    public static Optional<CertificateMark> of(Collection<String> labels) {
        Set<CertificateFinding> found = EnumSet.noneOf(CertificateFinding.class);
        for (CertificateFinding f : CertificateFinding.values()) {
            if (labels.contains(f.label())) {
                found.add(f);
            }
        }
        if (found.contains(CertificateFinding.SELF_SIGNED)) {
            found.remove(CertificateFinding.UNTRUSTED);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(new CertificateMark(new ArrayList<>(found)));
    }

    /** The short labels: "expired", "self-signed". */
    public List<String> labels() {
        return problems.stream().map(CertificateMark::shortLabel).toList();
    }

    /** "⚠ cert: expired, self-signed". */
    public String text() {
        return SIGN + String.join(", ", labels());
    }

    /** What each problem means, for a tooltip: "expired: the leaf certificate has expired; ...". */
    public String titles() {
        return problems.stream().map(f -> shortLabel(f) + ": " + f.title()).collect(Collectors.joining("; "));
    }

    /** The few words a finding is shown as. */
    public static String shortLabel(CertificateFinding f) {
        return switch (f) {
            case NO_CERTIFICATE -> "none served";
            case UNPARSEABLE -> "unreadable";
            case EXPIRED -> "expired";
            case NOT_YET_VALID -> "not yet valid";
            case EXPIRING_SOON -> "expiring soon";
            case SELF_SIGNED -> "self-signed";
            case UNTRUSTED -> "untrusted";
            case INCOMPLETE_CHAIN -> "incomplete chain";
            case NAME_MISMATCH -> "wrong name";
            case WEAK_KEY -> "weak key";
            case SHA1_SIGNATURE -> "SHA-1";
        };
    }
}
