package io.tlsweep.cert;

import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;

/**
 * A certificate's public key: algorithm, size and, for EC and EdDSA, the curve.
 *
 * @param algorithm what kind of key
 * @param bits      RSA modulus, DSA prime, EC field size; 255 / 448 for Ed25519 / Ed448; 0 when unknown
 * @param curve     SEC name of a named EC curve ({@code secp256r1}), else its OID, or {@code explicit
 *                  parameters}; {@code Ed25519} / {@code Ed448}; empty for RSA, DSA and others
 * @param name      the JCA algorithm name as the JDK reports it ({@code RSA}, {@code EC}, {@code EdDSA}, ...)
 */
public record KeyFacts(KeyAlgorithm algorithm, int bits, Optional<String> curve, String name) {

    public KeyFacts {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(curve, "curve");
        Objects.requireNonNull(name, "name");
    }

    /** Reads algorithm and size from a key the JDK parsed. */
    public static KeyFacts of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new KeyFacts(KeyAlgorithm.RSA, rsa.getModulus().bitLength(), Optional.empty(), key.getAlgorithm());
        }
        if (key instanceof ECPublicKey ec) {
            return new KeyFacts(KeyAlgorithm.EC, ec.getParams().getCurve().getField().getFieldSize(),
                    Optional.of(curveName(ec)), key.getAlgorithm());
        }
        if (key instanceof EdECPublicKey ed) {
            String curve = ed.getParams().getName();
            return new KeyFacts(KeyAlgorithm.EDDSA, curve.equalsIgnoreCase("Ed448") ? 448 : 255, Optional.of(curve),
                    key.getAlgorithm());
        }
        if (key instanceof DSAPublicKey dsa) {
            DSAParams params = dsa.getParams();
            int bits = params == null ? 0 : params.getP().bitLength();
            return new KeyFacts(KeyAlgorithm.DSA, bits, Optional.empty(), key.getAlgorithm());
        }
        return new KeyFacts(KeyAlgorithm.OTHER, 0, Optional.empty(), key.getAlgorithm());
    }

    /**
     * Whether the key is too small to resist a well-funded attacker today: RSA and DSA below 2048 bits,
     * EC below 224 bits. EdDSA is never weak; unknown algorithms are not judged.
     */
    public boolean weak() {
        return switch (algorithm) {
            case RSA, DSA -> bits < 2048;
            case EC -> bits < 224;
            case EDDSA, OTHER -> false;
        };
    }

    /** {@code RSA 2048-bit}, {@code EC 256-bit (secp256r1)}, {@code EdDSA (Ed25519)}. */
    public String describe() {
        return switch (algorithm) {
            case EDDSA -> "EdDSA (" + curve.orElse("?") + ")";
            case OTHER -> name + (bits > 0 ? " " + bits + "-bit" : "");
            default -> algorithm + " " + bits + "-bit" + curve.map(c -> " (" + c + ")").orElse("");
        };
    }

    /**
     * The JDK gives no portable curve name, so the SubjectPublicKeyInfo's parameters are read with
     * Bouncy Castle: a named curve's OID is looked up (SEC names first, the JDK's naming).
     */
    private static String curveName(ECPublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(ASN1Sequence.getInstance(key.getEncoded()));
        if (!(info.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier oid)) {
            return "explicit parameters";
        }
        String name = SECNamedCurves.getName(oid);
        if (name == null) {
            name = ECNamedCurveTable.getName(oid);
        }
        return name == null ? oid.getId() : name;
    }
}
