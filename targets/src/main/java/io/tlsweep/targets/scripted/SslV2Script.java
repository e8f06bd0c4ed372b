package io.tlsweep.targets.scripted;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a server that speaks SSL 2.0 answers to an SSLv2 CLIENT-HELLO (the SSL 2.0 draft): pure, the client's
 * record in, the bytes to send out. Its cipher kinds, in its order, are {@link #KINDS}; the SERVER-HELLO offers
 * those of them the client offered, with the X.509 leaf and a fixed 16-byte connection id (0xC0..0xCF); a client
 * that offered none of them gets an ERROR message with NO-CIPHER-ERROR.
 */
public final class SslV2Script {
    /** SSL_CK_RC4_128_WITH_MD5, SSL_CK_RC4_128_EXPORT40_WITH_MD5 and SSL_CK_DES_192_EDE3_CBC_WITH_MD5. */
    public static final List<Integer> KINDS = List.of(0x010080, 0x020080, 0x0700C0);
    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 4;
    private static final int ERROR = 0;
    private static final int NO_CIPHER_ERROR = 1;
    private static final int X509_CERTIFICATE = 1;
    private static final int SSL2_VERSION = 0x0002;

    private final byte[] leafDer;

    /** @param leafDer the certificate it sends */
    public SslV2Script(byte[] leafDer) {
        this.leafDer = leafDer.clone();
    }

    /**
     * The answer to {@code record}, when it is one whole SSLv2 record (a two-byte header) holding a well-formed
     * CLIENT-HELLO; empty for anything else.
     */
    public Optional<LegacyServerScript.Answer> answer(byte[] record) {
        return offeredKinds(record).map(offered -> {
            List<Integer> common = KINDS.stream().filter(offered::contains).toList();
            if (common.isEmpty()) {
                return new LegacyServerScript.Answer(message(new byte[] {ERROR, 0, NO_CIPHER_ERROR}), true);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(SERVER_HELLO);
            body.write(0); // session id hit: no
            body.write(X509_CERTIFICATE);
            u16(body, SSL2_VERSION);
            u16(body, leafDer.length);
            u16(body, common.size() * 3);
            u16(body, 16);
            body.writeBytes(leafDer);
            for (int kind : common) {
                body.write(kind >> 16);
                u16(body, kind);
            }
            for (int i = 0; i < 16; i++) {
                body.write(0xC0 + i);
            }
            return new LegacyServerScript.Answer(message(body.toByteArray()), false);
        });
    }

    /** The cipher kinds of an SSLv2 CLIENT-HELLO record, empty when the record is not one. */
    static Optional<List<Integer>> offeredKinds(byte[] r) {
        if (r.length < 2 + 9 || (r[0] & 0x80) == 0 || r.length != 2 + (u16(r, 0) & 0x7FFF)
                || (r[2] & 0xff) != CLIENT_HELLO) {
            return Optional.empty();
        }
        int specs = u16(r, 5);
        int sessionId = u16(r, 7);
        int challenge = u16(r, 9);
        if (specs % 3 != 0 || (sessionId != 0 && sessionId != 16) || challenge < 16 || challenge > 32
                || r.length != 11 + specs + sessionId + challenge) {
            return Optional.empty();
        }
        List<Integer> kinds = new ArrayList<>();
        for (int at = 11; at < 11 + specs; at += 3) {
            kinds.add((r[at] & 0xff) << 16 | u16(r, at + 1));
        }
        return Optional.of(kinds);
    }

    private static byte[] message(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, 0x8000 | body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
