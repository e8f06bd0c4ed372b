package io.tlsweep.report.cbom;

import io.tlsweep.report.ChainJson;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.component.crypto.CertificateProperties;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.RelatedCryptoMaterialProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.RelatedCryptoMaterialType;

/** A served leaf certificate and its public key as CycloneDX crypto assets (no key material is copied). */
final class CertificateAsset {
    private CertificateAsset() {
    }

    static Component certificate(String ref, ChainJson c, String signatureRef, String keyRef) {
        CertificateProperties p = new CertificateProperties();
        p.setSubjectName(c.subject());
        p.setIssuerName(c.issuer());
        p.setNotValidBefore(c.notBefore());
        p.setNotValidAfter(c.notAfter());
        p.setSignatureAlgorithmRef(signatureRef);
        p.setSubjectPublicKeyRef(keyRef);
        p.setCertificateFormat("X.509");
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.CERTIFICATE);
        crypto.setCertificateProperties(p);
        Component comp = new Component();
        comp.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        comp.setBomRef(ref);
        comp.setName(c.commonName() != null ? c.commonName() : c.subject() != null ? c.subject() : c.sha256());
        comp.setCryptoProperties(crypto);
        return comp;
    }

    static Component key(String ref, String describe, Integer bits, String algorithmRef) {
        RelatedCryptoMaterialProperties p = new RelatedCryptoMaterialProperties();
        p.setType(RelatedCryptoMaterialType.PUBLIC_KEY);
        p.setAlgorithmRef(algorithmRef);
        p.setSize(bits);
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.RELATED_CRYPTO_MATERIAL);
        crypto.setRelatedCryptoMaterialProperties(p);
        Component comp = new Component();
        comp.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        comp.setBomRef(ref);
        comp.setName(describe != null ? describe : "public key");
        comp.setCryptoProperties(crypto);
        return comp;
    }
}
