package io.tlsweep.analysis;

import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherMode;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The findings beside the verdict, one rule each. */
final class Findings {
    /** Weaknesses that strong-crypto clients (.NET SchUseStrongCrypto, current Windows, browsers) refuse. */
    static final Set<Weakness> LEGACY_ONLY = EnumSet.of(Weakness.NULL, Weakness.ANONYMOUS, Weakness.EXPORT,
            Weakness.RC4, Weakness.DES, Weakness.TRIPLE_DES, Weakness.MD5, Weakness.RC2);
    private static final int SMALL_DH_BITS = 2048;
    private static final Map<FindingKind, Weakness> WEAKNESS_OF = Map.of(
            FindingKind.RC4, Weakness.RC4, FindingKind.SWEET32, Weakness.TRIPLE_DES,
            FindingKind.EXPORT, Weakness.EXPORT, FindingKind.NULL_CIPHER, Weakness.NULL,
            FindingKind.ANONYMOUS, Weakness.ANONYMOUS, FindingKind.DES, Weakness.DES, FindingKind.MD5, Weakness.MD5);

    private Findings() {
    }

    static List<Finding> of(TargetResult r) {
        List<Finding> out = new ArrayList<>();
        for (FindingKind kind : FindingKind.values()) {
            Weakness weakness = WEAKNESS_OF.get(kind);
            if (weakness != null) {
                suites(r, s -> s.weaknesses().contains(weakness)).ifPresentDetail(kind, out);
            }
        }
        r.protocols().stream().filter(p -> p.version().equals(ProtocolVersion.SSLv3)).findFirst()
                .ifPresent(p -> out.add(new Finding(FindingKind.SSLV3, p.cipherSuites().size() + " suite(s)")));
        r.protocols().stream().filter(p -> p.version().equals(ProtocolVersion.TLSv1_0)).findFirst()
                .map(p -> p.cipherSuites().stream().filter(s -> s.cipherMode() == CipherMode.CBC).toList())
                .filter(cbc -> !cbc.isEmpty())
                .ifPresent(cbc -> out.add(new Finding(FindingKind.BEAST, "TLSv1.0: " + names(cbc))));
        forwardSecrecy(r).ifPresentDetail(FindingKind.NO_FORWARD_SECRECY, out);
        String clientOrdered = r.protocols().stream().filter(p -> p.order() == PreferenceOrder.CLIENT)
                .map(p -> p.version().displayName()).collect(Collectors.joining(", "));
        if (!clientOrdered.isEmpty()) {
            out.add(new Finding(FindingKind.CLIENT_ORDER, clientOrdered));
        }
        if (r.status() == ScanStatus.SNI_REQUIRED) {
            out.add(new Finding(FindingKind.SNI_REQUIRED, "unrecognized_name without the right SNI name"));
        }
        r.protocols().stream().filter(p -> p.dhPrimeBits().filter(b -> b < SMALL_DH_BITS).isPresent())
                .findFirst().ifPresent(p -> out.add(new Finding(FindingKind.SMALL_DH_GROUP,
                        p.dhPrimeBits().get() + "-bit DH prime")));
        return out;
    }

    /** A suite that only legacy clients still offer. */
    static boolean legacyOnly(CipherSuite s) {
        return s.weaknesses().stream().anyMatch(LEGACY_ONLY::contains);
    }

    static String label(Weakness w) {
        return switch (w) {
            case TRIPLE_DES -> "3DES";
            case ANONYMOUS -> "anonymous";
            default -> w.name();
        };
    }

    /** The matching suites, by version: "TLSv1.0: A, B; TLSv1.2: C". */
    private static Detail suites(TargetResult r, Predicate<CipherSuite> match) {
        String detail = r.protocols().stream().map(p -> {
            List<CipherSuite> hits = p.cipherSuites().stream().filter(match).toList();
            return hits.isEmpty() ? null : p.version().displayName() + ": " + names(hits);
        }).filter(s -> s != null).collect(Collectors.joining("; "));
        return new Detail(detail);
    }

    private static Detail forwardSecrecy(TargetResult r) {
        if (r.protocols().isEmpty()) {
            return new Detail("");
        }
        boolean anyFs = r.protocols().stream().flatMap(p -> p.cipherSuites().stream())
                .anyMatch(CipherSuite::forwardSecrecy);
        if (!anyFs) {
            return new Detail("no accepted suite has forward secrecy");
        }
        ProtocolSupport best = r.protocols().get(r.protocols().size() - 1);
        CipherSuite first = best.cipherSuites().get(0);
        if (best.order() == PreferenceOrder.SERVER && !first.forwardSecrecy()) {
            return new Detail(best.version().displayName() + " prefers " + first.ianaName());
        }
        return new Detail("");
    }

    private static String names(List<CipherSuite> suites) {
        return suites.stream().map(CipherSuite::ianaName).collect(Collectors.joining(", "));
    }

    /** A finding's detail, empty when the rule did not fire. */
    private record Detail(String text) {
        void ifPresentDetail(FindingKind kind, List<Finding> out) {
            if (!text.isEmpty()) {
                out.add(new Finding(kind, text));
            }
        }
    }
}
