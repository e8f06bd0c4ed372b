package io.tlsweep.report.cbom;

import io.tlsweep.wire.NamedGroup;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Primitive;

/**
 * The algorithms outside cipher suites: key-exchange groups, a certificate's key and its signature. Pure.
 * ML-KEM's NIST categories are FIPS 203's (ML-KEM-512: 1, -768: 3, -1024: 5); a hybrid group is given its
 * ML-KEM part's.
 */
final class KeyAlgorithms {
    private static final List<CryptoFunction> AGREE = List.of(CryptoFunction.KEYGEN, CryptoFunction.KEYDERIVE);
    private static final List<CryptoFunction> KEM = List.of(CryptoFunction.KEYGEN, CryptoFunction.ENCAPSULATE,
            CryptoFunction.DECAPSULATE);
    private static final List<CryptoFunction> SIGN = List.of(CryptoFunction.SIGN, CryptoFunction.VERIFY);
    /** {@code KeyFacts.describe()}: "RSA 2048-bit", "EC 256-bit (secp256r1)", "EdDSA (Ed25519)". */
    private static final Pattern KEY = Pattern.compile("(\\S+)(?: (\\d+)(?:-bit)?)?(?: \\(([^)]+)\\))?");

    private KeyAlgorithms() {
    }

    /** A named group as the report names it ("x25519", "X25519MLKEM768"); empty for a name not registered. */
    static Optional<AlgorithmAsset> group(String name) {
        return NamedGroup.byName(name).filter(NamedGroup::isKnown).map(g -> switch (g.kind()) {
            case PQ, HYBRID_PQ -> new AlgorithmAsset(g.name(), Primitive.KEM, null, null, null, KEM,
                    mlKemLevel(g.name()));
            case FFDHE -> new AlgorithmAsset(g.name(), Primitive.KEY_AGREE, g.name().substring("ffdhe".length()),
                    null, null, AGREE, 0);
            default -> new AlgorithmAsset(g.name(), Primitive.KEY_AGREE, null, g.name(), null, AGREE, 0);
        });
    }

    private static Integer mlKemLevel(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.contains("MLKEM512")) {
            return 1;
        }
        if (upper.contains("MLKEM768")) {
            return 3;
        }
        return upper.contains("MLKEM1024") ? 5 : null;
    }

    /** The size in bits of a key as {@code describe} gives it, when it says. */
    static Optional<Integer> keyBits(String describe) {
        Matcher m = KEY.matcher(describe == null ? "" : describe.trim());
        return m.matches() && m.group(2) != null ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /** A certificate's key algorithm: "RSA-2048", "EC-secp256r1", "EdDSA-Ed25519"; empty when unreadable. */
    static Optional<AlgorithmAsset> key(String describe) {
        Matcher m = KEY.matcher(describe == null ? "" : describe.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String alg = m.group(1);
        String bits = m.group(2);
        String curve = m.group(3);
        String name = alg + (curve != null ? "-" + curve : bits != null ? "-" + bits : "");
        Primitive primitive = alg.equals("RSA") ? Primitive.PKE : Primitive.SIGNATURE;
        boolean classical = List.of("RSA", "EC", "DSA", "EdDSA").contains(alg);
        return Optional.of(new AlgorithmAsset(name, primitive, curve == null ? bits : null, curve, null, SIGN,
                classical ? 0 : null));
    }

    /** A certificate's signature algorithm as the JDK names it ("SHA256withRSA", "Ed25519"). */
    static Optional<AlgorithmAsset> signature(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        boolean classical = upper.contains("RSA") || upper.contains("DSA") || upper.startsWith("ED");
        return Optional.of(new AlgorithmAsset(name, Primitive.SIGNATURE, null, null, null, SIGN,
                classical ? 0 : null));
    }
}
