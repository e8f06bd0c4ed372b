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
 * forbids SHA-1 signatures in TLS 1.2 and SLOTH (Bhargavan and Leurent, 2016) shows why. TLS 1.3's CertificateVerify
 * scheme is read by the TLS 1.3 scan, not here. Without an ECDHE or DHE suite with an RSA or ECDSA certificate in
 * TLS 1.2 nothing is signed: the check does not apply and costs nothing.
 */
public final class SignatureAlgorithmsCheck implements Check<SignatureAlgorithmsCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("signature-algorithms", Part.class);
    static final FindingKind WEAK_SIGNATURE = FindingKind.of("tls12-sha1-signature",
            "TLS 1.2 key exchange signed with SHA-1 or MD5 (RFC 9155 forbids it; SLOTH)");
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
        /** The ServerKeyExchange was signed with the scheme offered. */
        SIGNED("signed"),
        /** It was signed with a scheme not offered. */
        SIGNED_OTHER("signed-other"),
        /** The server refused the hello with an alert. */
        REFUSED("refused"),
        /** No signed ServerKeyExchange was read (lost, cut short, not TLS). */
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
     * One scheme offered alone and what came of it.
     *
     * @param used the scheme the ServerKeyExchange was signed with
     * @param detail the alert or what came instead, for {@link Outcome#REFUSED} and {@link Outcome#NO_ANSWER}
     */
    public record Answer(SignatureScheme offered, Outcome outcome, Optional<SignatureScheme> used,
            Optional<String> detail) {

        /** Signed with SHA-1 or MD5, whatever was offered. */
        boolean weak() {
            return used.filter(SignatureScheme::isWeakHash).isPresent();
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

    /** The answers, RSA schemes first, in the order the hellos were sent. */
    public record Part(Judgement judgement, List<Answer> answers) implements Judged {
        public Part {
            answers = List.copyOf(answers);
        }
    }

    /** Opt-in: one connection per signature scheme of the certificate's key type (7 for RSA, 5 for ECDSA). */
    @Override
    public boolean onByDefault() {
        return false;
    }

    @Override
    public String about() {
        return "TLS 1.2 hellos offering one signature scheme each: 5-12 connections; opt-in";
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
        if (rsa.isEmpty() && ecdsa.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable(tls12.isEmpty()
                    ? "TLS 1.2 not accepted" : "no TLS 1.2 ECDHE or DHE suite with an RSA or ECDSA certificate"
                    + " accepted: no ServerKeyExchange is signed"), List.of())));
        }
        List<HelloRound.Hello> hellos = new ArrayList<>();
        hellos(rsa, RSA_SCHEMES, context.sni(), hellos);
        hellos(ecdsa, ECDSA_SCHEMES, context.sni(), hellos);
        return Optional.of(new PatientRound<>(context.firstStepId(), hellos, SignatureAlgorithmsCheck::fold));
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

    /** The part from every answer: SHA-1 used is the weakness; an unanswered SHA-1 offer leaves it open. */
    static Part fold(List<HelloRound.Exchange> exchanges) {
        List<Answer> answers = exchanges.stream().map(SignatureAlgorithmsCheck::answer).toList();
        String weak = answers.stream().filter(Answer::weak).map(Answer::describe).collect(Collectors.joining(", "));
        String signed = answers.stream().filter(a -> a.outcome() == Outcome.SIGNED || a.outcome() == Outcome
                .SIGNED_OTHER).map(Answer::describe).collect(Collectors.joining(", "));
        String sha1Unanswered = answers.stream().filter(a -> a.offered().isWeakHash()
                && a.outcome() == Outcome.NO_ANSWER).map(Answer::describe).collect(Collectors.joining(", "));
        Judgement j;
        if (!weak.isEmpty()) {
            j = Judgement.vulnerable("TLS 1.2 ServerKeyExchange signed with SHA-1: " + weak + " (RFC 9155)");
        } else if (!sha1Unanswered.isEmpty()) {
            j = Judgement.inconclusive("no answer to the SHA-1 offer: " + sha1Unanswered);
        } else {
            j = Judgement.notVulnerable(signed.isEmpty() ? "every scheme offered alone was refused; SHA-1 not used"
                    : "TLS 1.2 ServerKeyExchange signed with " + signed + "; SHA-1 not used");
        }
        return new Part(j, answers);
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(WEAK_SIGNATURE);
    }

    @Override
    public List<Finding> findings(Part part, TargetResult result) {
        String weak = part.answers().stream().filter(Answer::weak).map(Answer::describe)
                .collect(Collectors.joining(", "));
        return weak.isEmpty() ? List.of() : List.of(new Finding(WEAK_SIGNATURE, "TLSv1.2: " + weak));
    }

    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new SignatureAlgorithmsJson());
    }
}
