package io.tlsweep.analysis;

import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherMode;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The rules over the scan's facts, one per kind of {@link FindingKind#SCAN_RULES}, in that order. */
final class Findings {
    /** Weaknesses that strong-crypto clients (.NET SchUseStrongCrypto, current Windows, browsers) refuse. */
    static final Set<Weakness> LEGACY_ONLY = java.util.EnumSet.of(Weakness.NULL, Weakness.ANONYMOUS, Weakness.EXPORT,
            Weakness.RC4, Weakness.DES, Weakness.TRIPLE_DES, Weakness.MD5, Weakness.RC2);
    private static final int SMALL_DH_BITS = 2048;

    private Findings() {
    }

    /** Findings that rest on what was not seen (a suite missing, an order): none when the evidence contradicts itself. */
    private static final Set<FindingKind> FROM_ABSENCE = Set.of(FindingKind.NO_FORWARD_SECRECY,
            FindingKind.CLIENT_ORDER);

    static List<Finding> of(TargetResult r) {
        List<Finding> out = new ArrayList<>();
        for (FindingKind kind : FindingKind.SCAN_RULES) {
            if (r.status() == ScanStatus.INCONSISTENT && FROM_ABSENCE.contains(kind)) {
                continue;
            }
            detail(kind, r).filter(d -> !d.isEmpty()).ifPresent(d -> out.add(new Finding(kind, d)));
        }
        return out;
    }

    /** A suite that only legacy clients still offer. */
    static boolean legacyOnly(CipherSuite s) {
        return s.weaknesses().stream().anyMatch(LEGACY_ONLY::contains);
    }

    static String names(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::ianaName).collect(Collectors.joining(", "));
    }

    /** The finding's detail when its rule fires; empty (or an empty string) when it does not. */
    private static Optional<String> detail(FindingKind kind, TargetResult r) {
        if (kind.weakness().isPresent()) {
            Weakness weakness = kind.weakness().get();
            return Optional.of(suites(r, s -> s.weaknesses().contains(weakness)));
        }
        if (kind == FindingKind.SSLV3) {
            return at(r, ProtocolVersion.SSLv3).map(p -> "SSLv3: " + names(p.cipherSuites()));
        }
        if (kind == FindingKind.BEAST) {
            return at(r, ProtocolVersion.TLSv1_0).map(p -> p.cipherSuites().stream()
                    .filter(s -> s.cipherMode() == CipherMode.CBC).toList())
                    .filter(cbc -> !cbc.isEmpty()).map(cbc -> "TLSv1.0: " + names(cbc));
        }
        if (kind == FindingKind.NO_FORWARD_SECRECY) {
            return noForwardSecrecy(r);
        }
        if (kind == FindingKind.CLIENT_ORDER) {
            return Optional.of(r.protocols().stream()
                    .filter(p -> p.order() == PreferenceOrder.CLIENT && p.cipherSuites().size() >= 2)
                    .map(p -> p.version().displayName()).collect(Collectors.joining(", ")));
        }
        if (kind == FindingKind.SNI_REQUIRED) {
            return r.status() == ScanStatus.SNI_REQUIRED
                    ? Optional.of("unrecognized_name without the right SNI name") : Optional.empty();
        }
        if (kind == FindingKind.SMALL_DH_GROUP) {
            return Optional.of(r.protocols().stream()
                    .filter(p -> p.dhPrimeBits().filter(b -> b < SMALL_DH_BITS).isPresent())
                    .map(p -> p.version().displayName() + ": " + p.dhPrimeBits().get() + "-bit DH prime")
                    .collect(Collectors.joining("; ")));
        }
        if (kind == FindingKind.SUITE_OFF_VERSION) {
            return Optional.of(r.protocols().stream().map(p -> {
                List<CipherSuite> off = p.cipherSuites().stream().filter(s -> !s.usableIn(p.version())).toList();
                return off.isEmpty() ? "" : p.version().displayName() + ": " + names(off);
            }).filter(s -> !s.isEmpty()).collect(Collectors.joining("; ")));
        }
        throw new IllegalArgumentException("not a scan rule: " + kind);
    }

    /** The matching suites, by version: "TLSv1.0: A, B; TLSv1.2: C". */
    private static String suites(TargetResult r, Predicate<CipherSuite> match) {
        return r.protocols().stream().map(p -> {
            List<CipherSuite> hits = p.cipherSuites().stream().filter(match).toList();
            return hits.isEmpty() ? "" : p.version().displayName() + ": " + names(hits);
        }).filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
    }

    /**
     * No suite has forward secrecy; or the best version (the one current clients negotiate) gives none:
     * it has no forward-secret suite, or it enforces its own order and puts one without first.
     */
    private static Optional<String> noForwardSecrecy(TargetResult r) {
        List<CipherSuite> all = r.protocols().stream().flatMap(p -> p.cipherSuites().stream()).toList();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        if (all.stream().noneMatch(CipherSuite::forwardSecrecy)) {
            return Optional.of("no accepted suite has forward secrecy");
        }
        ProtocolSupport best = r.protocols().get(r.protocols().size() - 1);
        List<CipherSuite> suites = best.cipherSuites();
        if (!suites.isEmpty() && suites.stream().noneMatch(CipherSuite::forwardSecrecy)) {
            return Optional.of(best.version().displayName() + " has no suite with forward secrecy: "
                    + names(suites));
        }
        if (!suites.isEmpty() && best.order() == PreferenceOrder.SERVER && !suites.get(0).forwardSecrecy()) {
            return Optional.of(best.version().displayName() + " prefers " + suites.get(0).ianaName());
        }
        return Optional.empty();
    }

    private static Optional<ProtocolSupport> at(TargetResult r, ProtocolVersion version) {
        return r.protocols().stream().filter(p -> p.version().equals(version)).findFirst();
    }
}
