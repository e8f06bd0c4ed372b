package io.tlsweep.check;

import io.tlsweep.probe.FollowUp;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;

/**
 * ROBOT's records after the first flight (the paper's "full" flow): a ClientKeyExchange carrying one
 * {@link RobotVariant} encrypted with the leaf certificate's RSA key, a ChangeCipherSpec, and a Finished of garbage,
 * in one write. Sent only after a whole TLS ≤ 1.2 flight whose ServerHello chose a static RSA suite and whose leaf
 * key is RSA; then the whole answer is read, until the server closes, resets or the read deadline passes, and only
 * its alerts are kept (any other record is kept as its type alone). Pure.
 *
 * @param variant the premaster secret block it encrypts
 * @param clientVersion the version of the ClientHello it follows (the premaster secret's version)
 */
record RobotKeyExchange(RobotVariant variant, int clientVersion) implements FollowUp {
    private static final int CLIENT_KEY_EXCHANGE = 16;
    /** The garbage Finished: as long as an encrypted one with a CBC suite and SHA-1 (IV, 16 bytes, MAC, padding). */
    static final byte[] GARBAGE_FINISHED = garbage(64);

    @Override
    public Optional<byte[]> records(ServerResponse reply, List<FollowUpAnswer> earlier) {
        return AfterReply.wholeFlight(reply).filter(sh -> unusable(sh).isEmpty()).flatMap(RobotKeyExchange::rsaKey)
                .map(key -> {
                    ServerHello sh = (ServerHello) reply;
                    byte[] encrypted = variant.encrypted(key.getModulus(), key.getPublicExponent(), clientVersion);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    int body = 2 + encrypted.length;
                    byte[] message = new byte[4 + body];
                    message[0] = CLIENT_KEY_EXCHANGE;
                    message[1] = (byte) (body >> 16);
                    message[2] = (byte) (body >> 8);
                    message[3] = (byte) body;
                    message[4] = (byte) (encrypted.length >> 8);
                    message[5] = (byte) encrypted.length;
                    System.arraycopy(encrypted, 0, message, 6, encrypted.length);
                    int version = sh.version().code();
                    record(out, TlsRecord.HANDSHAKE, version, message);
                    record(out, TlsRecord.CHANGE_CIPHER_SPEC, version, new byte[] {1});
                    record(out, TlsRecord.HANDSHAKE, version, GARBAGE_FINISHED);
                    return out.toByteArray();
                });
    }

    /** Read to the end: whether the server closes, resets or stays silent after its alert is part of the answer. */
    @Override
    public boolean answered(List<TlsRecord> received) {
        return false;
    }

    /** Alerts as they came; any other record (none is expected) as its type alone, never its bytes. */
    @Override
    public TlsRecord kept(TlsRecord record, List<TlsRecord> earlier) {
        return record.contentType() == TlsRecord.ALERT ? record
                : new TlsRecord(record.contentType(), record.version(), new byte[0]);
    }

    /**
     * Why the flight of {@code sh} gives nothing to send ROBOT's records after: a suite that is not static RSA, or a
     * leaf whose key is not RSA or too small for a block; empty when it gives something.
     */
    static Optional<String> unusable(ServerHello sh) {
        CipherSuite suite = sh.cipherSuite();
        if (suite.keyExchange() != KeyExchange.RSA || suite.isExport()) {
            return Optional.of("the ServerHello chose " + suite.ianaName() + ", not a static RSA key exchange");
        }
        List<byte[]> chain = sh.flight().certificates();
        if (chain.isEmpty()) {
            return Optional.of("the server sent no certificate");
        }
        Optional<PublicKey> key = publicKey(chain.get(0));
        if (key.isEmpty()) {
            return Optional.of("the leaf certificate does not parse");
        }
        if (!(key.get() instanceof RSAPublicKey rsa)) {
            return Optional.of("the leaf certificate's key is " + key.get().getAlgorithm() + ", not RSA");
        }
        int bytes = RobotVariant.modulusBytes(rsa.getModulus());
        if (bytes < RobotVariant.MIN_MODULUS_BYTES) {
            return Optional.of("the leaf's RSA key has " + rsa.getModulus().bitLength() + " bits, too few for a"
                    + " premaster secret block");
        }
        return Optional.empty();
    }

    /** The RSA key of the leaf certificate of {@code sh}'s flight, if it has one. */
    static Optional<RSAPublicKey> rsaKey(ServerHello sh) {
        List<byte[]> chain = sh.flight().certificates();
        return chain.isEmpty() ? Optional.empty() : publicKey(chain.get(0))
                .filter(RSAPublicKey.class::isInstance).map(RSAPublicKey.class::cast);
    }

    private static Optional<PublicKey> publicKey(byte[] der) {
        try {
            return Optional.of(CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey());
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty(); // a server's bytes the JDK's parser refuses (or chokes on): no key to use
        }
    }

    private static void record(ByteArrayOutputStream out, int type, int version, byte[] fragment) {
        out.write(type);
        out.write(version >> 8);
        out.write(version);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
    }

    private static byte[] garbage(int length) {
        byte[] g = new byte[length];
        for (int i = 0; i < length; i++) {
            g[i] = (byte) (0x5A ^ i * 37);
        }
        return g;
    }
}
