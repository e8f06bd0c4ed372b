package io.tlsweep.targets.hostile;

import java.io.ByteArrayOutputStream;

/** Writes a well-formed TLS 1.2 ServerHello record (no certificate or anything after it). */
public final class ServerHelloWriter {

    private ServerHelloWriter() {
    }

    /**
     * A ServerHello choosing {@code suite}, echoing the client's session id, null compression, and
     * an empty renegotiation_info extension when the client signalled it. The random is fixed
     * (0x01..0x20, so it never carries a downgrade sentinel).
     */
    public static byte[] tls12(ClientHelloSummary hello, int suite) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x03);
        body.write(0x03);
        for (int i = 1; i <= 32; i++) {
            body.write(i);
        }
        byte[] sid = hello.sessionId();
        body.write(sid.length);
        body.writeBytes(sid);
        body.write(suite >> 8);
        body.write(suite & 0xff);
        body.write(0x00);
        if (hello.offersRenegotiationInfo()) {
            body.writeBytes(new byte[] {0x00, 0x05, (byte) 0xff, 0x01, 0x00, 0x01, 0x00});
        }
        int len = body.size();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.writeBytes(new byte[] {0x16, 0x03, 0x03, (byte) ((len + 4) >> 8), (byte) (len + 4),
            0x02, (byte) (len >> 16), (byte) (len >> 8), (byte) len});
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }
}
