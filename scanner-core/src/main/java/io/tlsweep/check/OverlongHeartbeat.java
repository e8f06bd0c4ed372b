package io.tlsweep.check;

import io.tlsweep.probe.FollowUp;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Optional;

/**
 * The Heartbleed question (CVE-2014-0160), sent after a whole TLS ≤ 1.2 first flight: a heartbeat request
 * (RFC 6520) of {@value #SENT} bytes, its type and a payload_length of {@value #CLAIMED}, with no payload at all.
 * RFC 6520 has a server drop a request whose payload_length exceeds what came; OpenSSL 1.0.1 to 1.0.1f instead
 * copies {@value #CLAIMED} bytes of its memory into the response.
 *
 * <p>Of what comes back only the size is kept: every byte of a heartbeat record is replaced by zero, except the
 * response's first three (its type and payload_length, which are no memory of the server), before the engine
 * stores it. The leaked bytes are never kept, logged or printed.
 */
final class OverlongHeartbeat implements FollowUp {
    /** The bytes the request carries: type (1 = heartbeat_request) and payload_length; no payload, no padding. */
    static final int SENT = 3;
    /** The payload_length it claims. */
    static final int CLAIMED = 0x4000;
    /** RFC 6520's least padding, which a response adds after its payload. */
    static final int PADDING = 16;
    private static final int REQUEST = 1;

    @Override
    public Optional<byte[]> records(ServerResponse reply, List<FollowUpAnswer> earlier) {
        return AfterReply.wholeFlight(reply).map(sh -> {
            int v = sh.version().code();
            return new byte[] {TlsRecord.HEARTBEAT, (byte) (v >> 8), (byte) v, 0, SENT, REQUEST,
                (byte) (CLAIMED >> 8), (byte) CLAIMED};
        });
    }

    /** A heartbeat record zeroed but for the first three bytes of the first one; any other record as it came. */
    @Override
    public TlsRecord kept(TlsRecord record, List<TlsRecord> earlier) {
        if (record.contentType() != TlsRecord.HEARTBEAT) {
            return record;
        }
        byte[] zeros = new byte[record.fragment().length];
        if (earlier.stream().noneMatch(r -> r.contentType() == TlsRecord.HEARTBEAT)) {
            System.arraycopy(record.fragment(), 0, zeros, 0, Math.min(SENT, zeros.length));
        }
        return new TlsRecord(record.contentType(), record.version(), zeros);
    }

    /**
     * Answered by a record that is not a heartbeat (an alert, most often), or by heartbeat records as long as the
     * response their first one announces (type, payload_length, the payload, the least padding) — a vulnerable
     * server's response to this request spans two records.
     */
    @Override
    public boolean answered(List<TlsRecord> received) {
        if (received.stream().anyMatch(r -> r.contentType() != TlsRecord.HEARTBEAT)) {
            return true;
        }
        byte[] first = received.get(0).fragment();
        if (first.length < SENT) {
            return true;
        }
        int announced = SENT + ((first[1] & 0xFF) << 8 | (first[2] & 0xFF)) + PADDING;
        return bytes(received) >= announced;
    }

    /** The bytes of the heartbeat records among {@code records}. */
    static int bytes(List<TlsRecord> records) {
        return records.stream().filter(r -> r.contentType() == TlsRecord.HEARTBEAT)
                .mapToInt(r -> r.fragment().length).sum();
    }
}
