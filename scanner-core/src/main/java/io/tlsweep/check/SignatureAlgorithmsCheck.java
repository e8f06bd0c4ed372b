package io.tlsweep.check;

import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.probe.TargetScan;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Finding;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.text.Labelled;
import io.tlsweep.wire.Authentication;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.Extension;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The signature schemes a TLS 1.2 server signs its ServerKeyExchange with: one hello per scheme, each offering that
 * scheme alone in signature_algorithms (and every scheme in signature_algorithms_cert, so the certificate chain's own
 * signature does not decide) with the ECDHE/DHE suites the scan accepted for the certificate's key type
 * (RSA suites: rsa_pkcs1_sha256/384/512, rsa_pss_rsae_sha256/384/512, rsa_pkcs1_sha1 — 7 connections; ECDSA suites:
 * ecdsa_secp256r1_sha256, secp384r1_sha384, secp521r1_sha512, ed25519 (Ed25519 certificates sign with the ECDSA
 * suites in TLS 1.2, RFC 8422), ecdsa_sha1 — 5 connections; 12 for a server with both). The scheme the
 * ServerKeyExchange carries is read from the first flight: signed with it, with another one (a server that does
 * not honour signature_algorithms), or refused (an alert, before or after the ServerHello). A lost answer is asked
 * again, one connection at a time, up to three attempts ({@link PatientRound}). A server that signs with SHA-1 (or MD5) is the weakness: RFC 9155
 * forbids SHA-1 signatures in TLS 1.2 and SLOTH (Bhargavan and Leurent, 2016) shows why.
 *
 * <p>On an endpoint whose scan accepted TLS 1.3, one TLS 1.3 hello per scheme of the leaf's key type ({@link
 * Tls13Signatures}: 5 for RSA, 2 for ECDSA, 1 for EdDSA, known from the scan's TLS 1.3 CertificateVerify; without
 * one, from the TLS 1.2 suites: 5 for RSA, 4 for ECDSA) offered alone the same way; the
 * scheme comes from the decrypted CertificateVerify of the answer. A server that signs it with a scheme TLS 1.3
 * forbids there (RSASSA-PKCS1-v1_5, SHA-1: RFC 8446 §4.4.3) is the weakness too. Without an ECDHE or DHE suite with
 * an RSA or ECDSA certificate in TLS 1.2 and without a TLS 1.3 CertificateVerify read by the scan nothing is asked:
 * the check does not apply and costs nothing.
 */
public final class SignatureAlgorithmsCheck implements Check<SignatureAlgorithmsCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("signature-algorithms", Part.class);
    static final FindingKind WEAK_SIGNATURE = FindingKind.of("tls12-sha1-signature",
            "TLS 1.2 key exchange signed with SHA-1 or MD5 (RFC 9155 forbids it; SLOTH)");
    static final FindingKind TLS13_FORBIDDEN_SIGNATURE = FindingKind.of("tls13-forbidden-signature",
            "TLS 1.3 CertificateVerify signed with a scheme TLS 1.3 forbids (PKCS#1 v1.5 or SHA-1, RFC 8446 §4.4.3)");
    /** Offered one at a time with the RSA-authenticated suites. */
    static final List<SignatureScheme> RSA_SCHEMES = List.of(SignatureScheme.RSA_PKCS1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PKCS1_SHA1);
    /** Offered one at a time with the ECDSA-authenticated suites. */
    static final List<SignatureScheme> ECDSA_SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ED25519,
            SignatureScheme.ECDSA_SHA1);

    /**
     * signature_algorithms_cert (RFC 8446 §4.2.3, which TLS 1.2 stacks read too) with every registered scheme: without
     * it signature_algorithms also restricts how the certificate chain may be signed (RFC 5246 §7.4.2), and a strict
     * server would refuse a lone scheme for its certificate's signature rather than for its ServerKeyExchange.
     */
    static final Extension ANY_CERTIFICATE_SIGNATURE = anyCertificateSignature();

    /** What came of offering one scheme alone. */
    public enum Outcome implements Labelled {
        /** The ServerKeyExchange (TLS 1.3: the CertificateVerify) was signed with the scheme offered. */
        SIGNED("signed"),
        /** It was signed with a scheme not offered. */
        SIGNED_OTHER("signed-other"),
        /** The server refused the hello with an alert. */
        REFUSED("refused"),
        /** No signed ServerKeyExchange or CertificateVerify was read (lost, cut short, not TLS). */
        NO_ANSWER("no-answer");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * One scheme offered alone in a hello of {@code version} (TLS 1.2 or 1.3) and what came of it.
     *
     * @param used the scheme the ServerKeyExchange (TLS 1.3: the CertificateVerify) was signed with
     * @param detail the alert or what came instead, for {@link Outcome#REFUSED} and {@link Outcome#NO_ANSWER}
     */
    public record Answer(ProtocolVersion version, SignatureScheme offered, Outcome outcome,
            Optional<SignatureScheme> used, Optional<String> detail) {

        /** A TLS 1.2 answer. */
        public Answer(SignatureScheme offered, Outcome outcome, Optional<SignatureScheme> used,
                Optional<String> detail) {
            this(ProtocolVersion.TLSv1_2, offered, outcome, used, detail);
        }

        /** Signed with a scheme its version forbids: SHA-1 or MD5 in TLS 1.2; {@link Tls13Signatures#forbidden}. */
        boolean weak() {
            return used.filter(version.equals(ProtocolVersion.TLSv1_3) ? Tls13Signatures::forbidden
                    : SignatureScheme::isWeakHash).isPresent();
        }

        /** Offered a scheme this version forbids: its answer is the one that tells. */
        boolean offeredForbidden() {
            return version.equals(ProtocolVersion.TLSv1_3) ? Tls13Signatures.forbidden(offered) : offered.isWeakHash();
        }

        boolean tls13() {
            return version.equals(ProtocolVersion.TLSv1_3);
        }

        boolean signedAtAll() {
            return outcome == Outcome.SIGNED || outcome == Outcome.SIGNED_OTHER;
        }

        String describe() {
            return switch (outcome) {
                case SIGNED -> offered.name();
                case SIGNED_OTHER -> offered.name() + " offered, " + used.map(SignatureScheme::name).orElse("?")
                        + " used";
                case REFUSED, NO_ANSWER -> offered.name() + " (" + detail.orElse(outcome.label()) + ")";
            };
        }
    }

    /** The answers, TLS 1.2 first (RSA schemes first), then TLS 1.3, in the order the hellos were sent. */
    public record Part(Judgement judgement, List<Answer> answers) implements Judged {
        public Part {
            answers = List.copyOf(answers);
        }
    }

    /**
     * Opt-in: one connection per signature scheme of the certificate's key type (TLS 1.2: 7 for RSA, 5 for ECDSA;
     * TLS 1.3: 5 for RSA, 2 for ECDSA, 1 for EdDSA).
     */
    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public String about() {
        return "TLS 1.2 and 1.3 hellos offering one signature scheme each: 1-21 connections; opt-in";
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        List<ProtocolSupport> accepted = context.plan(TargetScan.class).map(TargetScan::accepted).orElse(List.of());
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        List<CipherSuite> tls12 = accepted.stream().filter(p -> p.version().equals(ProtocolVersion.TLSv1_2))
                .flatMap(p -> p.cipherSuites().stream()).toList();
        List<CipherSuite> rsa = tls12.stream().filter(signed(Authentication.RSA)).toList();
        List<CipherSuite> ecdsa = tls12.stream().filter(signed(Authentication.ECDSA)).toList();
        List<HelloRound.Hello> hellos = new ArrayList<>();
        hellos(rsa, RSA_SCHEMES, context.sni(), hellos);
        hellos(ecdsa, ECDSA_SCHEMES, context.sni(), hellos);
        String tls12Unasked = tls12.isEmpty() ? "TLS 1.2 not accepted" : "no TLS 1.2 ECDHE or DHE suite with an RSA"
                + " or ECDSA certificate accepted: no ServerKeyExchange is signed";
        List<CipherSuite> tls13 = accepted.stream().filter(p -> p.version().equals(ProtocolVersion.TLSv1_3))
                .flatMap(p -> p.cipherSuites().stream()).toList();
        Optional<SignatureScheme> seen = context.plan(TargetScan.class).flatMap(TargetScan::tls13Flight)
                .flatMap(EncryptedFlight::signatureScheme);
        List<SignatureScheme> schemes = seen.map(Tls13Signatures::schemesFor)
                .orElseGet(() -> Tls13Signatures.schemesForTls12Keys(!rsa.isEmpty(), !ecdsa.isEmpty()));
        Optional<String> tls13Unasked = tls13.isEmpty() ? Optional.empty()
                : seen.isEmpty() && schemes.isEmpty() ? Optional.of("TLS 1.3 not asked: the scan read no"
                        + " CertificateVerify and saw no RSA or ECDSA key in TLS 1.2")
                : schemes.isEmpty() ? Optional.of("TLS 1.3 not asked: no plan for a key that signs with "
                        + seen.get().name()) : Optional.empty();
        if (!tls13.isEmpty()) {
            hellos.addAll(Tls13Signatures.hellos(schemes, tls13, context.sni()));
        }
        if (hellos.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable(tls12Unasked
                    + tls13Unasked.map(u -> "; " + u).orElse("")), List.of())));
        }
        Optional<String> tls12Not = rsa.isEmpty() && ecdsa.isEmpty() ? Optional.of(tls12Unasked) : Optional.empty();
        return Optional.of(new PatientRound<>(context.firstStepId(), hellos, e -> fold(e, tls12Not, tls13Unasked)));
    }

    private static Predicate<CipherSuite> signed(Authentication auth) {
        return s -> s.authentication() == auth
                && (s.keyExchange() == KeyExchange.ECDHE || s.keyExchange() == KeyExchange.DHE);
    }

    private static void hellos(List<CipherSuite> suites, List<SignatureScheme> schemes, Optional<String> sni,
            List<HelloRound.Hello> out) {
        if (suites.isEmpty()) {
            return;
        }
        for (SignatureScheme s : schemes) {
            out.add(new HelloRound.Hello("signature algorithms: " + s.name() + " alone", HelloTemplates.upTo(
                    ProtocolVersion.TLSv1_2, ProtocolVersion.TLSv1_2, suites, sni).toBuilder()
                    .signatureAlgorithms(List.of(s)).extraExtensions(List.of(ANY_CERTIFICATE_SIGNATURE)).build()));
        }
    }

    private static Extension anyCertificateSignature() {
        List<SignatureScheme> all = SignatureScheme.all();
        byte[] data = new byte[2 + 2 * all.size()];
        data[0] = (byte) (all.size() * 2 >> 8);
        data[1] = (byte) (all.size() * 2);
        for (int i = 0; i < all.size(); i++) {
            data[2 + 2 * i] = (byte) (all.get(i).code() >> 8);
            data[3 + 2 * i] = (byte) all.get(i).code();
        }
        return Extension.of(ExtensionType.SIGNATURE_ALGORITHMS_CERT.code(), data);
    }

    /** The answer to a hello that offered one scheme alone. */
    static Answer answer(HelloRound.Exchange e) {
        SignatureScheme offered = e.hello().signatureAlgorithms().get(0);
        if (e.hello().highestOffered().equals(ProtocolVersion.TLSv1_3)) {
            return Tls13Signatures.answer(offered, e.outcome());
        }
        if (e.outcome() instanceof ConnectionOutcome.Replied r) {
            if (r.response() instanceof ServerHello sh) {
                Optional<SignatureScheme> used = sh.flight().keyExchangeSignature();
                if (used.isEmpty() && sh.flight().endingAlert().isPresent()) {
                    ServerResponse.Alert a = sh.flight().endingAlert().get();
                    return new Answer(offered, Outcome.REFUSED, used, Optional.of(a.levelName() + " alert "
                            + a.description() + " after the ServerHello"));
                }
                if (used.isEmpty()) {
                    return new Answer(offered, Outcome.NO_ANSWER, used, Optional.of(sh.version().displayName() + " "
                            + sh.cipherSuite().ianaName() + " without a signed ServerKeyExchange"));
                }
                return new Answer(offered, used.get().equals(offered) ? Outcome.SIGNED : Outcome.SIGNED_OTHER, used,
                        Optional.empty());
            }
            if (r.response() instanceof ServerResponse.Alert) {
                return new Answer(offered, Outcome.REFUSED, Optional.empty(),
                        Optional.of(HelloFeaturesCheck.instead(e.outcome())));
            }
        }
        return new Answer(offered, Outcome.NO_ANSWER, Optional.empty(),
                Optional.of(HelloFeaturesCheck.instead(e.outcome())));
    }

    /** The part from the answers of a round that asked both versions it could. */
    static Part fold(List<HelloRound.Exchange> exchanges) {
        return fold(exchanges, Optional.empty(), Optional.empty());
    }

    /**
     * The part from every answer: SHA-1 used in TLS 1.2, or a scheme TLS 1.3 forbids used in TLS 1.3, is the
     * weakness; an unanswered offer of such a scheme leaves it open.
     *
     * @param tls12Unasked why no TLS 1.2 hello was sent, said in the judgement
     * @param tls13Unasked why TLS 1.3 was accepted but not asked, said in the judgement
     */
    static Part fold(List<HelloRound.Exchange> exchanges, Optional<String> tls12Unasked,
            Optional<String> tls13Unasked) {
        List<Answer> answers = exchanges.stream().map(SignatureAlgorithmsCheck::answer).toList();
        List<Answer> tls12 = answers.stream().filter(a -> !a.tls13()).toList();
        List<Answer> tls13 = answers.stream().filter(Answer::tls13).toList();
        List<String> weak = new ArrayList<>();
        joined(tls12, Answer::weak).ifPresent(w -> weak.add("TLS 1.2 ServerKeyExchange signed with SHA-1: " + w
                + " (RFC 9155)"));
        joined(tls13, Answer::weak).ifPresent(w -> weak.add("TLS 1.3 CertificateVerify signed with a scheme TLS 1.3"
                + " forbids: " + w + " (RFC 8446 §4.4.3)"));
        List<String> unanswered = new ArrayList<>();
        joined(tls12, a -> a.offeredForbidden() && a.outcome() == Outcome.NO_ANSWER).ifPresent(u ->
                unanswered.add("no answer to the SHA-1 offer: " + u));
        joined(tls13, a -> a.offeredForbidden() && a.outcome() == Outcome.NO_ANSWER).ifPresent(u ->
                unanswered.add("no answer to the TLS 1.3 offer of a forbidden scheme: " + u));
        String unasked = tls13Unasked.map(u -> "; " + u).orElse("");
        Judgement j;
        if (!weak.isEmpty()) {
            j = Judgement.vulnerable(String.join("; ", weak));
        } else if (!unanswered.isEmpty()) {
            j = Judgement.inconclusive(String.join("; ", unanswered));
        } else {
            List<String> said = new ArrayList<>();
            tls12Unasked.ifPresent(said::add);
            if (!tls12.isEmpty()) {
                said.add(joined(tls12, Answer::signedAtAll).map(s -> "TLS 1.2 ServerKeyExchange signed with " + s)
                        .orElse("every TLS 1.2 scheme offered alone was refused") + "; SHA-1 not used");
            }
            if (!tls13.isEmpty()) {
                said.add(joined(tls13, Answer::signedAtAll).map(s -> "TLS 1.3 CertificateVerify signed with " + s)
                        .orElse("every TLS 1.3 scheme offered alone was refused") + "; no scheme TLS 1.3 forbids");
            }
            j = Judgement.notVulnerable(String.join("; ", said) + unasked);
        }
        return new Part(j, answers);
    }

    private static Optional<String> joined(List<Answer> answers, Predicate<Answer> which) {
        String s = answers.stream().filter(which).map(Answer::describe).collect(Collectors.joining(", "));
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(WEAK_SIGNATURE, TLS13_FORBIDDEN_SIGNATURE);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        List<Finding> found = new ArrayList<>();
        joined(part.answers(), a -> a.weak() && !a.tls13()).ifPresent(w ->
                found.add(new Finding(WEAK_SIGNATURE, "TLSv1.2: " + w)));
        joined(part.answers(), a -> a.weak() && a.tls13()).ifPresent(w ->
                found.add(new Finding(TLS13_FORBIDDEN_SIGNATURE, "TLSv1.3: " + w)));
        return found;
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new SignatureAlgorithmsJson());
    }
}
