package io.tlsweep.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.SignatureScheme;
import java.util.Arrays;
import java.util.Optional;

/**
 * The line's {@code tls13}: what the scan's own TLS 1.3 flight showed once read to its end, beside the chain it
 * carried (the line's {@code certificates}). {@code reached} is the last message read (EncryptedExtensions,
 * Certificate, CertificateVerify, Finished), {@code signatureScheme} the CertificateVerify's, {@code signature}
 * verified / failed / not-checked, and {@code problem} with {@code problemDetail} why it stopped short.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tls13FlightJson(String reached, String signatureScheme, String signature, boolean certificateRequested,
        String problem, String problemDetail) {

    static Tls13FlightJson of(EncryptedFlight f) {
        return new Tls13FlightJson(f.reached().label(), f.signatureScheme().map(SignatureScheme::name).orElse(null),
                f.signature().label(), f.certificateRequested(),
                f.problem().map(p -> p.kind().label()).orElse(null), f.problem().map(p -> p.detail()).orElse(null));
    }

    /**
     * In a few words, for report.html: how far the flight was read, the CertificateVerify's scheme and whether its
     * signature verified, and why it stopped short ("read to Finished; CertificateVerify ecdsa_secp256r1_sha256,
     * signature verified").
     */
    public String describe() {
        java.util.List<String> said = new java.util.ArrayList<>();
        said.add("nothing".equals(reached) ? "nothing read" : "read to " + reached);
        if (signatureScheme != null) {
            said.add("CertificateVerify " + signatureScheme + ", signature " + signature);
        }
        if (problem != null) {
            said.add(problem + (problemDetail == null || problemDetail.isEmpty() ? "" : ": " + problemDetail));
        }
        return String.join("; ", said);
    }

    /** The flight back, or empty when a field does not say a known value. */
    public Optional<EncryptedFlight> flight() {
        Optional<EncryptedFlight.Reached> r = Arrays.stream(EncryptedFlight.Reached.values())
                .filter(v -> v.label().equals(reached)).findFirst();
        Optional<EncryptedFlight.SignatureCheck> s = Arrays.stream(EncryptedFlight.SignatureCheck.values())
                .filter(v -> v.label().equals(signature)).findFirst();
        Optional<EncryptedFlight.Kind> k = Arrays.stream(EncryptedFlight.Kind.values())
                .filter(v -> v.label().equals(problem)).findFirst();
        if (r.isEmpty() || s.isEmpty() || problem != null && k.isEmpty()) {
            return Optional.empty();
        }
        Optional<SignatureScheme> scheme = Optional.ofNullable(signatureScheme).flatMap(n -> n.startsWith("0x")
                ? parsedCode(n) : SignatureScheme.byName(n));
        if (signatureScheme != null && scheme.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EncryptedFlight(r.get(), scheme, s.get(), certificateRequested,
                k.map(kind -> new EncryptedFlight.Problem(kind, problemDetail == null ? "" : problemDetail))));
    }

    /** An unregistered scheme, written as its hex code ("0x0A0A"). */
    private static Optional<SignatureScheme> parsedCode(String hex) {
        try {
            return Optional.of(SignatureScheme.of(io.tlsweep.wire.Hex.parseU16(hex)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
