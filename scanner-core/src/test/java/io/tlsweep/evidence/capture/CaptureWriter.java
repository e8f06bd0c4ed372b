package io.tlsweep.evidence.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes captures for the tests: classic pcap (either byte order, micro- or nanoseconds) and pcapng (either byte
 * order, with an Interface Description Block whose {@code if_tsresol} is given), from frames and their times in
 * nanoseconds; and reads a classic pcap back into frames, so that a capture tcpdump wrote can be written again as
 * pcapng (Debian's tcpdump 4.99 writes pcap only). Written from the formats' specifications (tcpdump.org's
 * pcap-savefile(5); the IETF draft "PCAP Next Generation Dump File Format").
 */
final class CaptureWriter {
    /** A packet to write: when (nanoseconds since the epoch), the link-layer frame, its length on the wire. */
    record Frame(long nanos, byte[] data, int originalLength) {
        Frame(long nanos, byte[] data) {
            this(nanos, data, data.length);
        }
    }

    private CaptureWriter() {
    }

    private static ByteBuffer buffer(int size, boolean littleEndian) {
        return ByteBuffer.allocate(size).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    static byte[] pcap(int linkType, boolean littleEndian, boolean nano, List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(buffer(24, littleEndian).putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType).array());
        for (Frame f : frames) {
            long seconds = f.nanos() / 1_000_000_000L;
            long fraction = f.nanos() % 1_000_000_000L / (nano ? 1 : 1000);
            out.writeBytes(buffer(16, littleEndian).putInt((int) seconds).putInt((int) fraction)
                    .putInt(f.data().length).putInt(f.originalLength()).array());
            out.writeBytes(f.data());
        }
        return out.toByteArray();
    }

    static byte[] pcap(int linkType, List<Frame> frames) {
        return pcap(linkType, false, false, frames);
    }

    /** The link type and frames of a classic pcap file (micro- or nanoseconds, either byte order). */
    record Classic(int linkType, List<Frame> frames) {
    }

    static Classic readPcap(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            magic = b.getInt(0);
        }
        boolean nano = magic == 0xA1B23C4D;
        int linkType = b.getInt(20);
        List<Frame> frames = new ArrayList<>();
        for (int at = 24; at + 16 <= file.length; ) {
            long seconds = Integer.toUnsignedLong(b.getInt(at));
            long fraction = Integer.toUnsignedLong(b.getInt(at + 4));
            int captured = b.getInt(at + 8);
            byte[] data = new byte[captured];
            System.arraycopy(file, at + 16, data, 0, captured);
            frames.add(new Frame(seconds * 1_000_000_000L + fraction * (nano ? 1 : 1000), data, b.getInt(at + 12)));
            at += 16 + captured;
        }
        return new Classic(linkType, frames);
    }

    /**
     * A pcapng file: a Section Header Block, an unknown block of type 0x0BAD (to be skipped), an Interface
     * Description Block with {@code if_tsresol} = {@code tsresol} (6: microseconds, 9: nanoseconds, 0x80 | n:
     * 2^-n seconds) and one Enhanced Packet Block per frame.
     */
    static byte[] pcapng(int linkType, boolean littleEndian, int tsresol, List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(block(0x0A0D0D0A, littleEndian, buffer(16, littleEndian).putInt(0x1A2B3C4D)
                .putShort((short) 1).putShort((short) 0).putLong(-1).array()));
        out.writeBytes(block(0x0BAD, littleEndian, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        out.writeBytes(block(1, littleEndian, buffer(20, littleEndian).putShort((short) linkType)
                .putShort((short) 0).putInt(262144).putShort((short) 9).putShort((short) 1)
                .put((byte) tsresol).put(new byte[3]).putInt(0).array()));
        for (Frame f : frames) {
            out.writeBytes(enhanced(littleEndian, units(f.nanos(), tsresol), f));
        }
        return out.toByteArray();
    }

    private static long units(long nanos, int tsresol) {
        if ((tsresol & 0x80) != 0) {
            int shift = tsresol & 0x7F;
            return (nanos / 1_000_000_000L << shift) + (nanos % 1_000_000_000L << shift) / 1_000_000_000L;
        }
        return tsresol >= 9 ? nanos * (long) Math.pow(10, tsresol - 9) : nanos / (long) Math.pow(10, 9 - tsresol);
    }

    static byte[] enhanced(boolean littleEndian, long stamp, Frame f) {
        int padded = (f.data().length + 3) / 4 * 4;
        return block(6, littleEndian, buffer(20 + padded, littleEndian).putInt(0).putInt((int) (stamp >>> 32))
                .putInt((int) stamp).putInt(f.data().length).putInt(f.originalLength()).put(f.data()).array());
    }

    /** A Simple Packet Block: the frame with no time and no interface but the first. */
    static byte[] simple(boolean littleEndian, byte[] data) {
        int padded = (data.length + 3) / 4 * 4;
        return block(3, littleEndian, buffer(4 + padded, littleEndian).putInt(data.length).put(data).array());
    }

    /** A block of {@code type} around {@code body} (padded to 4 bytes). */
    static byte[] block(int type, boolean littleEndian, byte[] body) {
        int length = 12 + (body.length + 3) / 4 * 4;
        return buffer(length, littleEndian).putInt(type).putInt(length).put(body).position(length - 4)
                .putInt(length).array();
    }
}
