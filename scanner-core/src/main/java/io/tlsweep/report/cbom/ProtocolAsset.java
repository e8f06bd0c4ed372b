package io.tlsweep.report.cbom;

import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.component.crypto.CipherSuite;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.ProtocolProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.ProtocolType;

/**
 * A protocol version as an endpoint speaks it: a CycloneDX protocol asset with its cipher suites (IANA name,
 * the algorithms' bom-refs, and the two code bytes as identifiers, "0xC0", "0x2F") and its groups. SSL 2 and 3
 * are not TLS: their type is {@code other}.
 */
final class ProtocolAsset {
    /** One accepted suite: its IANA name, code and the bom-refs of its algorithms. */
    record Suite(String name, int code, List<String> algorithms) {
    }

    private ProtocolAsset() {
    }

    /** {@code version} as reports name it: "TLSv1.0" ... "TLSv1.3", "SSLv3", "SSLv2". */
    static Component component(String ref, String version, List<Suite> suites, List<String> groupRefs) {
        ProtocolProperties p = new ProtocolProperties();
        boolean tls = version.startsWith("TLSv");
        p.setType(tls ? ProtocolType.TLS : ProtocolType.OTHER);
        p.setVersion(tls ? version.substring("TLSv".length())
                : version.startsWith("SSLv") ? version.substring("SSLv".length()) + ".0" : version);
        p.setCipherSuites(suites.stream().map(ProtocolAsset::suite).toList());
        if (!groupRefs.isEmpty()) {
            p.setCryptoRefArray(groupRefs);
        }
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.PROTOCOL);
        crypto.setProtocolProperties(p);
        Component c = new Component();
        c.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        c.setBomRef(ref);
        c.setName(version);
        c.setCryptoProperties(crypto);
        return c;
    }

    private static CipherSuite suite(Suite s) {
        CipherSuite c = new CipherSuite();
        c.setName(s.name());
        c.setAlgorithms(s.algorithms());
        c.setIdentifiers(List.of(String.format("0x%02X", s.code() >> 8 & 0xFF), String.format("0x%02X",
                s.code() & 0xFF)));
        return c;
    }
}
