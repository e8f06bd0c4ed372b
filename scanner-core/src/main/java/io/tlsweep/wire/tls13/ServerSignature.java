package io.tlsweep.wire.tls13;

import io.tlsweep.wire.EncryptedFlight.SignatureCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;

/**
 * Checks a server's CertificateVerify (RFC 8446 §4.4.3): the signature, under the leaf certificate's key, over
 * 64 spaces, the context string, a zero byte and the transcript hash. Schemes the JDK verifies: RSA-PSS (rsae and
 * pss), ECDSA on the NIST curves, Ed25519 and Ed448; any other is {@link SignatureCheck#NOT_CHECKED}. Pure;
 * a leaf that does not parse or a key of the wrong kind is an answer, never an exception.
 */
final class ServerSignature {
    private static final byte[] CONTEXT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    private ServerSignature() {
    }

    /** The signed content for the transcript hash {@code transcriptHash}. */
    static byte[] content(byte[] transcriptHash) {
        byte[] out = new byte[64 + CONTEXT.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(CONTEXT, 0, out, 64, CONTEXT.length);
        System.arraycopy(transcriptHash, 0, out, 64 + CONTEXT.length + 1, transcriptHash.length);
        return out;
    }

    /** Whether {@code signature} by scheme {@code code} verifies under the key of the DER certificate {@code leaf}. */
    static SignatureCheck check(int code, byte[] leaf, byte[] transcriptHash, byte[] signature) {
        Signature verifier;
        try {
            verifier = verifier(code);
        } catch (GeneralSecurityException e) {
            return SignatureCheck.NOT_CHECKED;
        }
        if (verifier == null) {
            return SignatureCheck.NOT_CHECKED;
        }
        PublicKey key;
        try {
            key = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(leaf))
                    .getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            return SignatureCheck.NOT_CHECKED; // a leaf the JDK cannot read: nothing to check with
        }
        try {
            verifier.initVerify(key);
            verifier.update(content(transcriptHash));
            return verifier.verify(signature) ? SignatureCheck.VERIFIED : SignatureCheck.FAILED;
        } catch (GeneralSecurityException | RuntimeException e) {
            return SignatureCheck.FAILED; // a key of another kind than the scheme, a signature that is not DER
        }
    }

    /** A verifier for the scheme, or null for a scheme this class does not check. */
    private static Signature verifier(int code) throws GeneralSecurityException {
        return switch (code) {
            case 0x0403 -> Signature.getInstance("SHA256withECDSA");
            case 0x0503 -> Signature.getInstance("SHA384withECDSA");
            case 0x0603 -> Signature.getInstance("SHA512withECDSA");
            case 0x0807 -> Signature.getInstance("Ed25519");
            case 0x0808 -> Signature.getInstance("Ed448");
            case 0x0804, 0x0809 -> pss("SHA-256", 32);
            case 0x0805, 0x080A -> pss("SHA-384", 48);
            case 0x0806, 0x080B -> pss("SHA-512", 64);
            default -> null;
        };
    }

    private static Signature pss(String hash, int saltLength) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
        return s;
    }
}
