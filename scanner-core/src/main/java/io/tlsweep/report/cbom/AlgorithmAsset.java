package io.tlsweep.report.cbom;

import java.util.List;
import java.util.Locale;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.component.crypto.AlgorithmProperties;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Mode;
import org.cyclonedx.model.component.crypto.enums.Primitive;

/**
 * One algorithm as a CycloneDX 1.6 crypto asset. {@code parameterSet} (a key or digest size), {@code curve},
 * {@code mode} and {@code quantumLevel} are null when they do not apply or are not sure; the NIST quantum
 * security category is 0 for algorithms that meet none (every classical public-key algorithm, and ciphers weaker
 * than AES-128), and AES's own 1, 3, 5 for its 128, 192 and 256-bit keys (the categories are defined by them).
 */
record AlgorithmAsset(String name, Primitive primitive, String parameterSet, String curve, Mode mode,
        List<CryptoFunction> functions, Integer quantumLevel) {

    AlgorithmAsset {
        functions = List.copyOf(functions);
    }

    /** The bom-ref: one asset per distinct algorithm in a run. */
    String ref() {
        return "crypto/algorithm/" + name.toLowerCase(Locale.ROOT);
    }

    Component component() {
        AlgorithmProperties a = new AlgorithmProperties();
        a.setPrimitive(primitive);
        a.setParameterSetIdentifier(parameterSet);
        a.setCurve(curve);
        a.setMode(mode);
        a.setCryptoFunctions(functions);
        a.setNistQuantumSecurityLevel(quantumLevel);
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.ALGORITHM);
        crypto.setAlgorithmProperties(a);
        Component c = new Component();
        c.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        c.setBomRef(ref());
        c.setName(name);
        c.setCryptoProperties(crypto);
        return c;
    }
}
