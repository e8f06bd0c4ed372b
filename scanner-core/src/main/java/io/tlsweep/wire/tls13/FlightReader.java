package io.tlsweep.wire.tls13;

import io.tlsweep.wire.AlertDescription;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.EncryptedFlight.Kind;
import io.tlsweep.wire.EncryptedFlight.Problem;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.RecordFramer;
import io.tlsweep.wire.TlsRecord;
import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.util.Optional;

/**
 * Reads a TLS 1.3 server's first flight to its end with the client's own key share: from the ClientHello sent
 * and the ServerHello received it derives the server's handshake traffic keys (RFC 8446 §7.1), then decrypts
 * the records after the ServerHello (§5.2, the nonce of §5.3) and reads EncryptedExtensions, an optional
 * CertificateRequest, Certificate, CertificateVerify and Finished in that order ({@link FlightMessages}).
 *
 * <p>Pure and stateless like {@link io.tlsweep.wire.ServerResponseDecoder}: {@link #open} once the ServerHello
 * is in, then {@link #read} with everything received so far each time more arrives, until it answers
 * {@link Reading.Read}; with {@code atEnd} (the connection ended, the deadline passed, the byte cap was hit) it
 * always does. Nothing here throws on any input: a truncated flight, a bad tag, a message out of order is a
 * {@link Problem} in the answer, with what was read before it.
 */
public final class FlightReader {
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int KEY_SHARE = 51;

    /** Where the private key of a share the client sent comes from (in the scanner, {@code KeyShares}). */
    @FunctionalInterface
    public interface PrivateKeys {
        Optional<PrivateKey> find(NamedGroup group, byte[] publicValue);
    }

    /** Whether the flight can be read, and with which keys. */
    public sealed interface Opening {
        /** The keys are derived; read the flight with them. */
        record Opened(FlightKeys keys) implements Opening {
        }

        /** The flight cannot be read (no private key, a suite or share this reader cannot use, bad hellos). */
        record Unreadable(Problem problem) implements Opening {
        }
    }

    /** The state of reading the flight. */
    public sealed interface Reading {
        /** Not at the end yet: at least {@code bytesNeeded} more bytes are wanted. */
        record NeedMore(int bytesNeeded) implements Reading {
        }

        /**
         * Read as far as it goes: the chain (DER, leaf first, as sent), what the flight showed, and where it ends in
         * the bytes given (past the record that held the Finished, or all of them when it stopped short).
         */
        record Read(java.util.List<byte[]> certificates, EncryptedFlight flight, int consumed) implements Reading {
            public Read {
                certificates = certificates.stream().map(byte[]::clone).toList();
            }
        }
    }

    private FlightReader() {
    }

    /**
     * Whether this reader computes the shared secret of a {@code group} key share (X25519, X448, the NIST curves,
     * X25519MLKEM768).
     */
    public static boolean readsGroup(NamedGroup group) {
        return SharedSecret.supports(group);
    }

    /** Whether this reader decrypts the records of the TLS 1.3 suite {@code code} (not the CCM suites). */
    public static boolean decryptsSuite(int code) {
        return Aead.ofSuite(code).isPresent();
    }

    /**
     * Derives the server's handshake keys.
     *
     * @param helloRecords the ClientHello as sent: one or more handshake records
     * @param received the server's bytes ({@code len} of them from {@code off}), holding at least the whole
     *     ServerHello, which must be a TLS 1.3 one (not a HelloRetryRequest)
     * @param keys the private keys of the shares sent
     */
    public static Opening open(byte[] helloRecords, byte[] received, int off, int len, PrivateKeys keys) {
        try {
            byte[] clientHello = firstMessage(helloRecords, 0, helloRecords.length, CLIENT_HELLO, "ClientHello").bytes;
            Message sh = firstMessage(received, off, len, SERVER_HELLO, "ServerHello");
            Cursor s = new Cursor(sh.bytes, 4, sh.bytes.length - 4);
            s.u16("legacy_version");
            s.bytes(32, "random");
            s.vector(1, "legacy_session_id");
            int suite = s.u16("cipher_suite");
            s.u8("legacy_compression_method");
            Optional<Share> serverShare = serverShare(s.vector(2, "extensions"));
            if (serverShare.isEmpty()) {
                return unreadable("the ServerHello has no key_share");
            }
            Optional<Aead> aead = Aead.ofSuite(suite);
            if (aead.isEmpty()) {
                return unreadable(String.format("cipher suite 0x%04X is not one this reader decrypts (the JDK has"
                        + " no AES-CCM)", suite));
            }
            NamedGroup group = serverShare.get().group;
            Optional<byte[]> mine = clientShare(clientHello, group);
            if (mine.isEmpty()) {
                return unreadable("the server's key_share group " + group + " is not one the hello offered a share of");
            }
            Optional<PrivateKey> privateKey = SharedSecret.supports(group) ? keys.find(group, mine.get())
                    : Optional.empty();
            if (privateKey.isEmpty()) {
                return unreadable("no private key for the " + group + " share sent");
            }
            Optional<byte[]> shared = SharedSecret.of(group, privateKey.get(), serverShare.get().value);
            if (shared.isEmpty()) {
                return unreadable("the server's " + group + " share is not a valid public value");
            }
            byte[] transcript = concat(clientHello, sh.bytes);
            Hkdf h = aead.get().hkdf;
            byte[] early = h.extract(new byte[0], new byte[h.length()]);
            byte[] derived = h.deriveSecret(early, "derived", h.hash(new byte[0]));
            byte[] handshake = h.extract(derived, shared.get());
            byte[] serverSecret = h.deriveSecret(handshake, "s hs traffic", h.hash(transcript));
            return new Opening.Opened(new FlightKeys(aead.get(), serverSecret, transcript, sh.end));
        } catch (Cursor.Broken e) {
            return unreadable(e.getMessage());
        }
    }

    /**
     * Reads the encrypted flight from {@code keys.flightFrom()} in the bytes received so far ({@code len} of them
     * from {@code off}, the same start as given to {@link #open}).
     *
     * @param atEnd no more bytes will come: answer with what there is
     */
    public static Reading read(FlightKeys keys, byte[] received, int off, int len, boolean atEnd) {
        FlightMessages messages = new FlightMessages(keys);
        int pos = keys.flightFrom;
        long sequence = 0;
        boolean encrypted = false;
        while (!messages.over()) {
            RecordFramer.Frame frame = RecordFramer.next(received, off + pos, len - pos);
            if (frame instanceof RecordFramer.Frame.NeedMore more) {
                if (!atEnd) {
                    return new Reading.NeedMore(more.bytesNeeded());
                }
                messages.stop(new Problem(Kind.TRUNCATED, "the bytes ended before the flight's "
                        + messages.expected()));
                return messages.read(len);
            }
            if (frame instanceof RecordFramer.Frame.Invalid bad) {
                messages.stop(new Problem(Kind.DECODE_ERROR, "not a TLS record: " + bad.reason()));
                return messages.read(len);
            }
            RecordFramer.Frame.Complete complete = (RecordFramer.Frame.Complete) frame;
            TlsRecord record = complete.record();
            int recordAt = pos;
            pos += complete.consumed();
            switch (record.contentType()) {
                case TlsRecord.CHANGE_CIPHER_SPEC -> {
                    byte[] f = record.fragment();
                    if (encrypted || f.length != 1 || f[0] != 1) {
                        messages.stop(new Problem(Kind.UNEXPECTED_MESSAGE, "a change_cipher_spec record that is not"
                                + " the one middlebox compatibility allows"));
                    }
                }
                case TlsRecord.ALERT -> messages.stop(alert(record.fragment(), "in the clear"));
                case TlsRecord.APPLICATION_DATA -> {
                    encrypted = true;
                    byte[] header = new byte[TlsRecord.HEADER_LENGTH];
                    System.arraycopy(received, off + recordAt, header, 0, header.length);
                    Optional<byte[]> opened = keys.aead.open(keys.key, keys.iv, sequence++, header, record.fragment());
                    if (opened.isEmpty()) {
                        messages.stop(new Problem(Kind.BAD_RECORD_MAC, "encrypted record #" + sequence
                                + " does not decrypt under the server's handshake keys"));
                    } else {
                        inner(opened.get(), messages, sequence);
                    }
                }
                default -> messages.stop(new Problem(Kind.UNEXPECTED_MESSAGE, "a "
                        + TlsRecord.contentTypeName(record.contentType()) + " record in the clear after the ServerHello"));
            }
        }
        return messages.read(messages.finished() ? pos : len);
    }

    /** One decrypted TLSInnerPlaintext: the content, its type, then zero padding (RFC 8446 §5.2). */
    private static void inner(byte[] plain, FlightMessages messages, long sequence) {
        int end = plain.length - 1;
        while (end >= 0 && plain[end] == 0) {
            end--;
        }
        if (end < 0) {
            messages.stop(new Problem(Kind.UNEXPECTED_MESSAGE, "encrypted record #" + sequence + " has no content type"));
            return;
        }
        byte[] content = java.util.Arrays.copyOf(plain, end);
        switch (plain[end]) {
            case TlsRecord.HANDSHAKE -> messages.add(content);
            case TlsRecord.ALERT -> messages.stop(alert(content, "encrypted"));
            default -> messages.stop(new Problem(Kind.UNEXPECTED_MESSAGE, "encrypted record #" + sequence + " holds "
                    + TlsRecord.contentTypeName(plain[end] & 0xFF) + " before the server's Finished"));
        }
    }

    private static Problem alert(byte[] f, String how) {
        String what = f.length == 2 ? (f[0] == 1 ? "warning " : "fatal ") + AlertDescription.of(f[1] & 0xFF)
                : "an alert of " + f.length + " bytes";
        return new Problem(Kind.ALERT, "the server sent " + what + " (" + how + ") instead of the rest of its flight");
    }

    private static Opening unreadable(String why) {
        return new Opening.Unreadable(new Problem(Kind.UNREADABLE, why));
    }

    /** A whole handshake message with its 4-byte header, and where the record that completed it ends. */
    private record Message(byte[] bytes, int end) {
    }

    /**
     * The first handshake message in {@code buf}, which must be of type {@code type}; warning alerts before it are
     * passed over.
     */
    private static Message firstMessage(byte[] buf, int off, int len, int type, String name) throws Cursor.Broken {
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            RecordFramer.Frame frame = RecordFramer.next(buf, off + pos, len - pos);
            if (!(frame instanceof RecordFramer.Frame.Complete complete)) {
                throw new Cursor.Broken("no whole " + name + " in the bytes given");
            }
            pos += complete.consumed();
            TlsRecord r = complete.record();
            if (r.contentType() == TlsRecord.ALERT) {
                continue;
            }
            if (r.contentType() != TlsRecord.HANDSHAKE) {
                throw new Cursor.Broken("a " + TlsRecord.contentTypeName(r.contentType()) + " record before the "
                        + name);
            }
            hs.writeBytes(r.fragment());
            byte[] sofar = hs.toByteArray();
            if (sofar.length >= 4) {
                if ((sofar[0] & 0xFF) != type) {
                    throw new Cursor.Broken("handshake message type " + (sofar[0] & 0xFF) + " where the " + name
                            + " was expected");
                }
                int length = new Cursor(sofar, 1, 3).u24("length");
                if (sofar.length >= 4 + length) {
                    return new Message(java.util.Arrays.copyOf(sofar, 4 + length), pos);
                }
            }
        }
    }

    /** A group and its public value. */
    private record Share(NamedGroup group, byte[] value) {
    }

    /** The key_share of a ServerHello. */
    private static Optional<Share> serverShare(Cursor extensions) throws Cursor.Broken {
        while (extensions.hasRemaining()) {
            int type = extensions.u16("extension type");
            Cursor data = extensions.vector(2, "extension data");
            if (type == KEY_SHARE) {
                NamedGroup group = NamedGroup.of(data.u16("key_share group"));
                return Optional.of(new Share(group, data.vectorBytes(2, "key_exchange")));
            }
        }
        return Optional.empty();
    }

    /** The public value the ClientHello (a whole message) offered for {@code group}. */
    private static Optional<byte[]> clientShare(byte[] clientHello, NamedGroup group) throws Cursor.Broken {
        Cursor c = new Cursor(clientHello, 4, clientHello.length - 4);
        c.u16("legacy_version");
        c.bytes(32, "random");
        c.vector(1, "legacy_session_id");
        c.vector(2, "cipher_suites");
        c.vector(1, "legacy_compression_methods");
        Cursor extensions = c.vector(2, "extensions");
        while (extensions.hasRemaining()) {
            int type = extensions.u16("extension type");
            Cursor data = extensions.vector(2, "extension data");
            if (type == KEY_SHARE) {
                Cursor shares = data.vector(2, "client_shares");
                while (shares.hasRemaining()) {
                    int code = shares.u16("key_share group");
                    byte[] value = shares.vectorBytes(2, "key_exchange");
                    if (code == group.code()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
