package io.tlsweep.wire;

/**
 * Cuts TLS records out of a byte stream. It never throws on input: a short buffer yields
 * {@link Frame.NeedMore}, bytes that cannot be a TLS record yield {@link Frame.Invalid}.
 * It consumes nothing itself; the caller advances by {@link Frame.Complete#consumed()}.
 */
public final class RecordFramer {

    /** What the framer found at the given offset. */
    public sealed interface Frame {
        /**
         * Nothing can be decided before {@code bytesNeeded} more bytes arrive: the type and version bytes of a
         * header are judged one by one (so one more byte may already make it {@link Invalid}), its length once
         * both length bytes are in, its fragment once whole.
         */
        record NeedMore(int bytesNeeded) implements Frame {
        }

        /** A whole record, and how many bytes it took (header included). */
        record Complete(TlsRecord record, int consumed) implements Frame {
        }

        /** The bytes cannot be a TLS record; {@code notTls} when even the header is not TLS-shaped. */
        record Invalid(String reason, boolean notTls) implements Frame {
        }
    }

    private RecordFramer() {
    }

    public static Frame next(byte[] buf, int off, int len) {
        if (len < TlsRecord.HEADER_LENGTH) {
            Frame early = checkPartialHeader(buf, off, len);
            return early != null ? early : new Frame.NeedMore(len < 3 ? 1 : TlsRecord.HEADER_LENGTH - len);
        }
        Frame header = checkPartialHeader(buf, off, 3);
        if (header != null) {
            return header;
        }
        int type = buf[off] & 0xFF;
        int length = (buf[off + 3] & 0xFF) << 8 | (buf[off + 4] & 0xFF);
        if (length > TlsRecord.MAX_LENGTH) {
            return new Frame.Invalid("record length " + length + " exceeds the " + TlsRecord.MAX_LENGTH
                    + "-byte maximum", false);
        }
        if (length == 0 && type != TlsRecord.APPLICATION_DATA) {
            return new Frame.Invalid("zero-length " + TlsRecord.contentTypeName(type) + " record", false);
        }
        int available = len - TlsRecord.HEADER_LENGTH;
        if (available < length) {
            return new Frame.NeedMore(length - available);
        }
        byte[] fragment = new byte[length];
        System.arraycopy(buf, off + TlsRecord.HEADER_LENGTH, fragment, 0, length);
        ProtocolVersion version = ProtocolVersion.of(buf[off + 1] & 0xFF, buf[off + 2] & 0xFF);
        return new Frame.Complete(new TlsRecord(type, version, fragment), TlsRecord.HEADER_LENGTH + length);
    }

    /** Validates as much of the 3-byte type+version prefix as is present; null when it is fine so far. */
    private static Frame checkPartialHeader(byte[] buf, int off, int len) {
        if (len >= 1 && !TlsRecord.isContentType(buf[off] & 0xFF)) {
            return new Frame.Invalid("byte " + Hex.u8(buf[off]) + " is not a TLS content type", true);
        }
        if (len >= 2 && (buf[off + 1] & 0xFF) != 3) {
            return new Frame.Invalid("record version major byte " + Hex.u8(buf[off + 1]) + " is not 3", true);
        }
        if (len >= 3 && (buf[off + 2] & 0xFF) > 4) {
            return new Frame.Invalid("record version " + Hex.u16(0x0300 | (buf[off + 2] & 0xFF))
                    + " is not SSLv3..TLS 1.3", true);
        }
        return null;
    }
}
