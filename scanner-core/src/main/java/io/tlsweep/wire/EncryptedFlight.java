package io.tlsweep.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * What a TLS 1.3 server's encrypted first flight showed once read with the client's own key share: how far it
 * got, the CertificateVerify signature scheme and whether the signature holds. The chain itself is in the
 * flight's certificates ({@link ServerHello.FirstFlight#certificates()}). A flight that could not be read to the
 * end says why in {@code problem}; what was read before it stays.
 *
 * @param reached the last message read, in order
 * @param signatureScheme the CertificateVerify's scheme, once it was read
 * @param signature whether the CertificateVerify signature verifies with the leaf's key over the transcript
 * @param certificateRequested whether the server asked for a client certificate (CertificateRequest)
 * @param problem why the flight was not read to its Finished, or why that Finished did not verify
 */
public record EncryptedFlight(Reached reached, Optional<SignatureScheme> signatureScheme, SignatureCheck signature,
        boolean certificateRequested, Optional<Problem> problem) {

    public EncryptedFlight {
        Objects.requireNonNull(reached, "reached");
        Objects.requireNonNull(signatureScheme, "signatureScheme");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(problem, "problem");
    }

    /** A flight nothing of which could be read. */
    public static EncryptedFlight unread(Problem problem) {
        return new EncryptedFlight(Reached.NOTHING, Optional.empty(), SignatureCheck.NOT_CHECKED, false,
                Optional.of(problem));
    }

    /** Whether the flight was read to a Finished that verifies. */
    public boolean whole() {
        return reached == Reached.FINISHED && problem.isEmpty();
    }

    /** The messages of the flight, in the order RFC 8446 §4 sends them; each read implies those before it. */
    public enum Reached {
        NOTHING("nothing"), ENCRYPTED_EXTENSIONS("EncryptedExtensions"), CERTIFICATE("Certificate"),
        CERTIFICATE_VERIFY("CertificateVerify"), FINISHED("Finished");

        private final String label;

        Reached(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The CertificateVerify signature: verified, not verified, or not checked (no such message, no JDK support). */
    public enum SignatureCheck {
        VERIFIED("verified"), FAILED("failed"), NOT_CHECKED("not-checked");

        private final String label;

        SignatureCheck(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Why the flight stopped short. */
    public record Problem(Kind kind, String detail) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return kind.label() + ": " + detail;
        }
    }

    /** The kinds of {@link Problem}. */
    public enum Kind {
        /** No key to read it with: a share this process did not make, a group or suite the JDK cannot do. */
        UNREADABLE("unreadable"),
        /** The bytes ended (close, deadline, byte cap) before the Finished. */
        TRUNCATED("truncated"),
        /** A record whose tag does not verify under the handshake keys. */
        BAD_RECORD_MAC("bad-record-mac"),
        /** A message out of the order RFC 8446 §4 gives, or a record of the wrong type. */
        UNEXPECTED_MESSAGE("unexpected-message"),
        /** A message whose bytes break its own format. */
        DECODE_ERROR("decode-error"),
        /** The server sent an alert instead of the rest of the flight. */
        ALERT("alert"),
        /** The Finished's verify_data is not the one the transcript gives. */
        BAD_FINISHED("bad-finished");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
