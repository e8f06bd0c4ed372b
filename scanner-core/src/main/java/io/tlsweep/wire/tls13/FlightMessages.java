package io.tlsweep.wire.tls13;

import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.EncryptedFlight.Kind;
import io.tlsweep.wire.EncryptedFlight.Problem;
import io.tlsweep.wire.EncryptedFlight.Reached;
import io.tlsweep.wire.EncryptedFlight.SignatureCheck;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The handshake messages of one encrypted flight, as they are decrypted: cut out of the handshake bytes, checked
 * against the order of RFC 8446 §4 (EncryptedExtensions, CertificateRequest if any, Certificate,
 * CertificateVerify, Finished), added to the transcript, and what each says kept. One read of a flight.
 */
final class FlightMessages {
    private static final int ENCRYPTED_EXTENSIONS = 8;
    private static final int CERTIFICATE = 11;
    private static final int CERTIFICATE_REQUEST = 13;
    private static final int CERTIFICATE_VERIFY = 15;
    private static final int FINISHED = 20;

    private final FlightKeys keys;
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];
    private Reached reached = Reached.NOTHING;
    private boolean certificateRequested;
    private List<byte[]> certificates = List.of();
    private Optional<SignatureScheme> scheme = Optional.empty();
    private SignatureCheck signature = SignatureCheck.NOT_CHECKED;
    private Optional<Problem> problem = Optional.empty();

    FlightMessages(FlightKeys keys) {
        this.keys = keys;
        transcript.writeBytes(keys.transcript);
    }

    /** Whether reading is over: the Finished was read, or a problem stopped it. */
    boolean over() {
        return finished() || problem.isPresent();
    }

    boolean finished() {
        return reached == Reached.FINISHED;
    }

    /** The message expected next, for details. */
    String expected() {
        return switch (reached) {
            case NOTHING -> "EncryptedExtensions";
            case ENCRYPTED_EXTENSIONS -> certificateRequested ? "Certificate" : "CertificateRequest or Certificate";
            case CERTIFICATE -> "CertificateVerify";
            case CERTIFICATE_VERIFY, FINISHED -> "Finished";
        };
    }

    /** Stops reading here, for {@code why}. */
    void stop(Problem why) {
        if (problem.isEmpty()) {
            problem = Optional.of(why);
        }
    }

    /** What was read, the flight ending {@code consumed} bytes into what was given. */
    FlightReader.Reading.Read read(int consumed) {
        return new FlightReader.Reading.Read(certificates, new EncryptedFlight(reached, scheme, signature,
                certificateRequested, problem), consumed);
    }

    /** The content of a decrypted handshake record. */
    void add(byte[] content) {
        pending = FlightReader.concat(pending, content);
        while (!over() && pending.length >= 4) {
            int type = pending[0] & 0xFF;
            int length = (pending[1] & 0xFF) << 16 | (pending[2] & 0xFF) << 8 | (pending[3] & 0xFF);
            if (length > ServerResponseDecoder.MAX_HANDSHAKE_MESSAGE) {
                stop(new Problem(Kind.DECODE_ERROR, "a handshake message of " + length + " bytes"));
                return;
            }
            if (pending.length < 4 + length) {
                return;
            }
            byte[] message = Arrays.copyOf(pending, 4 + length);
            pending = Arrays.copyOfRange(pending, 4 + length, pending.length);
            try {
                message(type, message);
            } catch (Cursor.Broken e) {
                stop(new Problem(Kind.DECODE_ERROR, name(type) + ": " + e.getMessage()));
            }
        }
    }

    private void message(int type, byte[] message) throws Cursor.Broken {
        Cursor body = new Cursor(message, 4, message.length - 4);
        boolean inOrder = switch (type) {
            case ENCRYPTED_EXTENSIONS -> reached == Reached.NOTHING;
            case CERTIFICATE_REQUEST -> reached == Reached.ENCRYPTED_EXTENSIONS && !certificateRequested;
            case CERTIFICATE -> reached == Reached.ENCRYPTED_EXTENSIONS;
            case CERTIFICATE_VERIFY -> reached == Reached.CERTIFICATE;
            case FINISHED -> reached == Reached.CERTIFICATE_VERIFY;
            default -> false;
        };
        if (!inOrder) {
            stop(new Problem(Kind.UNEXPECTED_MESSAGE, name(type) + " where the " + expected() + " was expected"));
            return;
        }
        byte[] hashBefore = keys.aead.hkdf.hash(transcript.toByteArray());
        switch (type) {
            case ENCRYPTED_EXTENSIONS -> {
                body.vector(2, "extensions");
                body.expectEnd("EncryptedExtensions");
                reached = Reached.ENCRYPTED_EXTENSIONS;
            }
            case CERTIFICATE_REQUEST -> {
                body.vector(1, "certificate_request_context");
                body.vector(2, "extensions");
                body.expectEnd("CertificateRequest");
                certificateRequested = true;
            }
            case CERTIFICATE -> {
                body.vector(1, "certificate_request_context");
                Cursor list = body.vector(3, "certificate_list");
                body.expectEnd("Certificate");
                List<byte[]> chain = new ArrayList<>();
                while (list.hasRemaining()) {
                    chain.add(list.vectorBytes(3, "cert_data"));
                    list.vector(2, "certificate extensions");
                }
                if (chain.isEmpty()) {
                    stop(new Problem(Kind.DECODE_ERROR, "Certificate: the server sent an empty chain"));
                    return;
                }
                certificates = List.copyOf(chain);
                reached = Reached.CERTIFICATE;
            }
            case CERTIFICATE_VERIFY -> {
                int code = body.u16("signature scheme");
                byte[] sig = body.vectorBytes(2, "signature");
                body.expectEnd("CertificateVerify");
                scheme = Optional.of(SignatureScheme.of(code));
                signature = ServerSignature.check(code, certificates.get(0), hashBefore, sig);
                reached = Reached.CERTIFICATE_VERIFY;
            }
            default -> {
                byte[] verifyData = body.rest();
                byte[] finishedKey = keys.aead.hkdf.expandLabel(keys.trafficSecret, "finished", new byte[0],
                        keys.aead.hkdf.length());
                byte[] expected = keys.aead.hkdf.hmac(finishedKey, hashBefore);
                if (!MessageDigest.isEqual(expected, verifyData)) {
                    stop(new Problem(Kind.BAD_FINISHED, "the server's Finished does not match the transcript"));
                    return;
                }
                reached = Reached.FINISHED;
            }
        }
        transcript.writeBytes(message);
    }

    private static String name(int type) {
        return switch (type) {
            case ENCRYPTED_EXTENSIONS -> "EncryptedExtensions";
            case CERTIFICATE -> "Certificate";
            case CERTIFICATE_REQUEST -> "CertificateRequest";
            case CERTIFICATE_VERIFY -> "CertificateVerify";
            case FINISHED -> "Finished";
            default -> "handshake message type " + type;
        };
    }
}
