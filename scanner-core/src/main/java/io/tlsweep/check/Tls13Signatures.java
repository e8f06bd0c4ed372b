package io.tlsweep.check;

import io.tlsweep.check.SignatureAlgorithmsCheck.Answer;
import io.tlsweep.check.SignatureAlgorithmsCheck.Outcome;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.HelloRetryRequest;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.3 half of {@link SignatureAlgorithmsCheck}: which schemes to offer alone, the hello that offers one, and
 * what the CertificateVerify of the answer was signed with. The leaf's key type is read from the scheme the scan's
 * own TLS 1.3 CertificateVerify used (its hello offered every scheme, so the server chose one its key makes; without
 * one, from the TLS 1.2 suites, {@link #schemesForTls12Keys}): an RSA
 * key (rsaEncryption) is offered rsa_pss_rsae_sha256/384/512, rsa_pkcs1_sha256 and rsa_pkcs1_sha1 (5 connections), an
 * RSASSA-PSS key rsa_pss_pss_sha256/384/512 and the same two PKCS#1 schemes (5), an ECDSA key the scheme of its curve
 * and ecdsa_sha1 (2), an Ed25519 or Ed448 key its own scheme (1). The hello carries real x25519 and secp256r1 shares
 * (and offers no other group) so the engine reads the encrypted flight to its CertificateVerify.
 */
final class Tls13Signatures {
    /** Groups whose shares the hello carries, and the only ones it offers: no HelloRetryRequest stands in the way. */
    static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);

    private Tls13Signatures() {
    }

    /**
     * RFC 8446 §4.4.3: RSA signatures in a CertificateVerify must be RSASSA-PSS, and SHA-1 (like MD5, SHA-224 and
     * DSA, none of which §4.2.3 lists for TLS 1.3) must not be used: every TLS 1.2 hash/signature pair except the
     * three ECDSA ones that name a curve, and the rsa_pkcs1_*_legacy codes meant for client signatures only.
     */
    static boolean forbidden(SignatureScheme s) {
        int hash = s.hashByte();
        int signature = s.signatureByte();
        boolean tls12Pair = hash >= 1 && hash <= 6 && signature >= 1 && signature <= 3;
        boolean namedCurveEcdsa = signature == 3 && hash >= 4;
        boolean legacy = s.code() == 0x0420 || s.code() == 0x0520 || s.code() == 0x0620;
        return tls12Pair && !namedCurveEcdsa || legacy;
    }

    /**
     * The schemes to offer one at a time for the key that signed the scan's CertificateVerify with {@code seen};
     * empty for a key this check has no plan for (ML-DSA, SM2, GOST, a code not registered).
     */
    static List<SignatureScheme> schemesFor(SignatureScheme seen) {
        int code = seen.code();
        if (code >= 0x0804 && code <= 0x0806 || seen.signatureByte() == 1 && seen.hashByte() <= 6
                || code == 0x0420 || code == 0x0520 || code == 0x0620) {
            return List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                    SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA256,
                    SignatureScheme.RSA_PKCS1_SHA1);
        }
        if (code >= 0x0809 && code <= 0x080B) {
            return List.of(SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384,
                    SignatureScheme.RSA_PSS_PSS_SHA512, SignatureScheme.RSA_PKCS1_SHA256,
                    SignatureScheme.RSA_PKCS1_SHA1);
        }
        if (code == 0x0403 || code == 0x0503 || code == 0x0603 || code >= 0x081A && code <= 0x081C) {
            return List.of(seen, SignatureScheme.ECDSA_SHA1);
        }
        if (seen.signatureByte() == 3 && seen.hashByte() <= 3) {
            // an EC key that signed with SHA-1 or worse: its curve is not known from the scheme, so every curve's
            return List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                    SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SHA1);
        }
        if (code == 0x0807 || code == 0x0808) {
            return List.of(seen);
        }
        return List.of();
    }

    /**
     * The schemes to offer when the scan read no TLS 1.3 CertificateVerify (a server that prefers a group the scan
     * has no share for answers its first TLS 1.3 hello with a HelloRetryRequest): the key types its TLS 1.2 suites
     * showed, an RSA key's five and an ECDSA key's, every curve's (its curve is not known) and ecdsa_sha1.
     */
    static List<SignatureScheme> schemesForTls12Keys(boolean rsa, boolean ecdsa) {
        List<SignatureScheme> out = new ArrayList<>();
        if (rsa) {
            out.addAll(schemesFor(SignatureScheme.RSA_PSS_RSAE_SHA256));
        }
        if (ecdsa) {
            out.addAll(schemesFor(SignatureScheme.ECDSA_SHA1));
        }
        return out;
    }

    /** One hello per scheme: TLS 1.3 alone, the suites the scan accepted, the scheme alone, any chain signature. */
    static List<HelloRound.Hello> hellos(List<SignatureScheme> schemes, List<CipherSuite> suites,
            Optional<String> sni) {
        List<KeyShareEntry> shares = GROUPS.stream().map(KeyShares::entry).flatMap(Optional::stream).toList();
        List<HelloRound.Hello> out = new ArrayList<>();
        for (SignatureScheme s : schemes) {
            ClientHelloSpec hello = HelloTemplates.upTo(ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_3, suites, sni)
                    .toBuilder().supportedGroups(GROUPS).keyShares(shares).signatureAlgorithms(List.of(s))
                    .extraExtensions(List.of(SignatureAlgorithmsCheck.ANY_CERTIFICATE_SIGNATURE)).build();
            out.add(new HelloRound.Hello("signature algorithms: TLS 1.3 " + s.name() + " alone", hello));
        }
        return out;
    }

    /**
     * The answer to a TLS 1.3 hello that offered {@code offered} alone: the CertificateVerify's scheme once the flight
     * was read that far; an alert instead of a ServerHello, or instead of the flight, is a refusal.
     */
    static Answer answer(SignatureScheme offered, ConnectionOutcome outcome) {
        ProtocolVersion v = ProtocolVersion.TLSv1_3;
        if (outcome instanceof ConnectionOutcome.Replied r) {
            if (r.response() instanceof ServerHello sh) {
                if (!sh.version().equals(v)) {
                    return new Answer(v, offered, Outcome.NO_ANSWER, Optional.empty(), Optional.of(
                            sh.version().displayName() + " negotiated instead of TLS 1.3"));
                }
                Optional<EncryptedFlight> flight = sh.flight().encrypted();
                Optional<SignatureScheme> used = flight.flatMap(EncryptedFlight::signatureScheme);
                if (used.isPresent()) {
                    return new Answer(v, offered, used.get().equals(offered) ? Outcome.SIGNED : Outcome.SIGNED_OTHER,
                            used, Optional.empty());
                }
                Optional<EncryptedFlight.Problem> problem = flight.flatMap(EncryptedFlight::problem);
                if (problem.isPresent() && problem.get().kind() == EncryptedFlight.Kind.ALERT) {
                    return new Answer(v, offered, Outcome.REFUSED, used, Optional.of(problem.get().detail()));
                }
                return new Answer(v, offered, Outcome.NO_ANSWER, used, Optional.of("no CertificateVerify read: "
                        + problem.map(EncryptedFlight.Problem::toString).orElse("the flight was not read")));
            }
            if (r.response() instanceof HelloRetryRequest hrr) {
                return new Answer(v, offered, Outcome.NO_ANSWER, Optional.empty(), Optional.of(
                        "HelloRetryRequest for " + hrr.selectedGroup().map(NamedGroup::toString).orElse("a cookie")));
            }
            if (r.response() instanceof ServerResponse.Alert) {
                return new Answer(v, offered, Outcome.REFUSED, Optional.empty(),
                        Optional.of(HelloFeaturesCheck.instead(outcome)));
            }
        }
        return new Answer(v, offered, Outcome.NO_ANSWER, Optional.empty(),
                Optional.of(HelloFeaturesCheck.instead(outcome)));
    }
}
