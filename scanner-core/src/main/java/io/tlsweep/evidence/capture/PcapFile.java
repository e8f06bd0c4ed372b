package io.tlsweep.evidence.capture;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a capture file, pcap or pcapng (told apart by their first four bytes), into its packets. The classic pcap
 * format is read here: a 24-byte file header (either byte order, micro- or nanosecond timestamps) and 16-byte
 * record headers. A record header that cannot be right (a captured length beyond the snaplen or the original
 * length, a fraction of a second out of range) is a problem, and reading resumes at the next byte, within
 * {@link #RESYNC}, where two plausible record headers follow each other, the first timed within 30 days of the last
 * good packet; when there is none, reading stops there with a message that says so. A file cut short is a problem
 * at the record where it ends. Pure over its stream; never throws.
 */
final class PcapFile {
    /** How far past a bad record or block a plausible one is looked for. */
    static final int RESYNC = 1 << 20;
    /** The largest packet read; tcpdump's default snaplen is 262144. */
    static final int MAX_PACKET = 1 << 20;

    private static final long MAX_GAP_SECONDS = 30L * 86400;

    private final CaptureBytes in;
    private final FrameSink sink;
    private boolean littleEndian;
    private boolean nano;
    private int maxCaptured;
    private int linkType;
    private long lastSecond = -1;

    private PcapFile(CaptureBytes in, FrameSink sink) {
        this.in = in;
        this.sink = sink;
    }

    /**
     * Whether these first bytes start a pcap file (its magic) or a pcapng file (a section header's type and its
     * byte-order magic).
     */
    static boolean recognises(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        long magic = (head[0] & 0xFFL) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | (head[3] & 0xFF);
        if (magic == PcapngFile.SECTION_HEADER) {
            if (head.length < 12) {
                return false;
            }
            long order = (head[8] & 0xFFL) << 24 | (head[9] & 0xFF) << 16 | (head[10] & 0xFF) << 8
                    | (head[11] & 0xFF);
            return order == 0x1A2B3C4DL || order == 0x4D3C2B1AL;
        }
        return magic == 0xA1B2C3D4L || magic == 0xD4C3B2A1L || magic == 0xA1B23C4DL || magic == 0x4D3CB2A1L;
    }

    /** Reads the whole capture into {@code sink}. */
    static void read(InputStream stream, FrameSink sink) {
        CaptureBytes in = new CaptureBytes(stream);
        int n = in.fill(4);
        if (n >= 4 && in.u32(0, false) == PcapngFile.SECTION_HEADER) {
            new PcapngFile(in, sink).read();
        } else {
            new PcapFile(in, sink).read();
        }
        if (in.failure() != null) {
            sink.problem(in.offset(), "the capture could not be read past here: " + in.failure());
        }
    }

    private void read() {
        if (in.fill(24) < 24) {
            sink.problem(0, "the capture ends inside its 24-byte pcap file header");
            return;
        }
        long magic = in.u32(0, false);
        if (magic != 0xA1B2C3D4L && magic != 0xD4C3B2A1L && magic != 0xA1B23C4DL && magic != 0x4D3CB2A1L) {
            sink.problem(0, "not a pcap or pcapng file: it starts with " + String.format("%08x", magic));
            return;
        }
        littleEndian = magic == 0xD4C3B2A1L || magic == 0x4D3CB2A1L;
        nano = magic == 0xA1B23C4DL || magic == 0x4D3CB2A1L;
        long snaplen = in.u32(16, littleEndian);
        maxCaptured = (int) Math.min(MAX_PACKET, Math.max(snaplen, 262144));
        linkType = (int) (in.u32(20, littleEndian) & 0xFFFF); // the bits above carry the FCS length
        in.skip(24);
        while (!in.atEnd()) {
            long start = in.offset();
            int available = in.fill(16);
            if (available < 16) {
                sink.problem(start, "the capture ends inside a packet record header (" + available
                        + " of 16 bytes): the file was cut short");
                return;
            }
            if (!plausible(0, available, false)) {
                if (!resync(start)) {
                    return;
                }
                continue;
            }
            int captured = (int) in.u32(8, littleEndian);
            available = in.fill(16 + captured);
            if (available < 16 + captured) {
                sink.problem(start, "the capture ends inside a packet record (" + (available - 16) + " of "
                        + captured + " bytes): the file was cut short");
                return;
            }
            long second = in.u32(0, littleEndian);
            long fraction = in.u32(4, littleEndian);
            lastSecond = second;
            Instant time = Instant.ofEpochSecond(second, nano ? fraction : fraction * 1000);
            sink.frame(new PcapFrame(start, Optional.of(time), linkType, in.copy(16, captured),
                    in.u32(12, littleEndian)));
            in.skip(16 + captured);
        }
    }

    /** Looks for the next plausible record within {@link #RESYNC} bytes; false when reading stops. */
    private boolean resync(long start) {
        String what = "packet record header at byte " + start + " is not plausible (captured length "
                + in.u32(8, littleEndian) + ", original length " + in.u32(12, littleEndian) + ")";
        int available = in.fill(window());
        for (int at = 1; at <= RESYNC && at + 16 <= available; at++) {
            if (plausible(at, available, true)) {
                sink.problem(start, what + ": " + at + " bytes skipped to the next plausible record, at byte "
                        + (start + at));
                in.skip(at);
                return true;
            }
        }
        sink.problem(start, what + " and no plausible record follows within " + RESYNC + " bytes: reading stopped"
                + " here (a pcap file has no markers to find the next packet by)");
        return false;
    }

    /**
     * Whether a record header at {@code at} can be right. When {@code chained} (looking for where to resume), its
     * time must also be near the last good packet's and the record after it must be plausible too (or the input end
     * right after it), which is what tells a real record from garbage.
     */
    private boolean plausible(int at, int available, boolean chained) {
        if (at + 16 > available) {
            return false;
        }
        long second = in.u32(at, littleEndian);
        long fraction = in.u32(at + 4, littleEndian);
        long captured = in.u32(at + 8, littleEndian);
        long original = in.u32(at + 12, littleEndian);
        boolean ok = captured <= maxCaptured && captured <= original && original <= 16 * MAX_PACKET
                && fraction < (nano ? 1_000_000_000L : 1_000_000L)
                && (!chained || lastSecond < 0 || Math.abs(second - lastSecond) <= MAX_GAP_SECONDS);
        if (!ok || !chained) {
            return ok;
        }
        int next = at + 16 + (int) captured;
        if (next >= available) {
            return next == available && available < window(); // the input ends right after it
        }
        return plausible(next, available, false);
    }

    /** How much a search for the next record looks at: fewer bytes available means the input ends there. */
    private int window() {
        return RESYNC + 2 * (16 + maxCaptured);
    }
}
