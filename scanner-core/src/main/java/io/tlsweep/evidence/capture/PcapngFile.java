package io.tlsweep.evidence.capture;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a pcapng capture (the format of the IETF draft "PCAP Next Generation Dump File Format"): Section Header
 * Blocks in either byte order (each starts a new list of interfaces), Interface Description Blocks (link type,
 * {@code if_tsresol}, {@code if_tsoffset}), Enhanced, Simple and the obsolete Packet Blocks; other blocks are
 * skipped by their length. A block whose length cannot be right (under 12, not a multiple of 4, past
 * {@link #MAX_BLOCK}, or not repeated at its end) is a problem, and reading resumes at the next byte, within
 * {@link PcapFile#RESYNC}, where a block of a known type with a matching trailing length starts; a file cut
 * short is a problem at the block where it ends. Pure over its stream; never throws.
 */
final class PcapngFile {
    static final long SECTION_HEADER = 0x0A0D0D0AL;
    /** A block longer than this is taken for a corrupt length. */
    static final long MAX_BLOCK = 64L << 20;

    private static final int INTERFACE = 1;
    private static final int OLD_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    private static final List<Long> KNOWN = List.of(SECTION_HEADER, 1L, 2L, 3L, 4L, 5L, 6L, 9L, 10L);
    private static final int READ_WHOLE = PcapFile.MAX_PACKET + 64;
    private static final long[] POWERS = {1L, 10L, 100L, 1000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    /** An interface of the current section: its link type and how its timestamps count. */
    record Interface(int linkType, boolean binary, int exponent, long offsetSeconds) {
    }

    private final CaptureBytes in;
    private final FrameSink sink;
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean littleEndian;
    private boolean inSection;

    PcapngFile(CaptureBytes in, FrameSink sink) {
        this.in = in;
        this.sink = sink;
    }

    void read() {
        while (!in.atEnd()) {
            long start = in.offset();
            int available = in.fill(12);
            if (available < 12) {
                sink.problem(start, "the capture ends inside a block header (" + available + " of 12 bytes): the file"
                        + " was cut short");
                return;
            }
            if (in.u32(0, false) == SECTION_HEADER && !byteOrder(0)) {
                if (!resync(start, "section header block at byte " + start + " has no byte-order magic")) {
                    return;
                }
                continue;
            }
            long type = in.u32(0, littleEndian);
            long length = in.u32(4, littleEndian);
            boolean outside = !inSection && type != SECTION_HEADER;
            if (outside || !plausibleLength(length)) {
                String what = outside ? "no section header block before byte " + start
                        : "block at byte " + start + " has an impossible length (" + length + ")";
                if (!resync(start, what)) {
                    return;
                }
                continue;
            }
            if (length > READ_WHOLE) {
                if (type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == OLD_PACKET) {
                    sink.problem(start, "packet block of " + length + " bytes skipped (packets over "
                            + PcapFile.MAX_PACKET + " bytes are not read)");
                }
                if (in.skip(length) < length) {
                    sink.problem(start, "the capture ends inside a block of " + length + " bytes: the file was cut"
                            + " short");
                    return;
                }
                continue;
            }
            available = in.fill((int) length);
            if (available < length) {
                sink.problem(start, "the capture ends inside a block (" + available + " of " + length + " bytes):"
                        + " the file was cut short");
                return;
            }
            if (in.u32((int) length - 4, littleEndian) != length) {
                if (!resync(start, "block at byte " + start + " does not end with its length (" + length + ")")) {
                    return;
                }
                continue;
            }
            block(start, type, (int) length);
            in.skip(length);
        }
    }

    /** Sets the byte order from a section header's magic at {@code at}; false when it has none. */
    private boolean byteOrder(int at) {
        if (in.fill(at + 12) < at + 12) {
            return false;
        }
        long magic = in.u32(at + 8, false);
        if (magic != 0x1A2B3C4DL && magic != 0x4D3C2B1AL) {
            return false;
        }
        littleEndian = magic == 0x4D3C2B1AL;
        return true;
    }

    private static boolean plausibleLength(long length) {
        return length >= 12 && length % 4 == 0 && length <= MAX_BLOCK;
    }

    private void block(long start, long type, int length) {
        if (type == SECTION_HEADER) {
            inSection = true;
            interfaces.clear();
        } else if (type == INTERFACE) {
            interfaces.add(describe(length));
        } else if (type == ENHANCED_PACKET || type == OLD_PACKET) {
            boolean enhanced = type == ENHANCED_PACKET;
            long id = enhanced ? in.u32(8, littleEndian) : in.u16(8, littleEndian);
            long captured = in.u32(20, littleEndian);
            if (length < 32 || captured > length - 32) {
                sink.problem(start, "packet block at byte " + start + " claims " + captured + " captured bytes in a"
                        + " block of " + length + ": skipped");
            } else if (id >= interfaces.size()) {
                sink.problem(start, "packet block at byte " + start + " names interface " + id + ", but the section"
                        + " describes " + interfaces.size() + ": skipped");
            } else {
                Interface i = interfaces.get((int) id);
                long stamp = in.u32(12, littleEndian) << 32 | in.u32(16, littleEndian);
                sink.frame(new PcapFrame(start, time(i, stamp), i.linkType(), in.copy(28, (int) captured),
                        in.u32(24, littleEndian)));
            }
        } else if (type == SIMPLE_PACKET) {
            if (interfaces.isEmpty() || length < 16) {
                sink.problem(start, "simple packet block at byte " + start + " before any interface: skipped");
            } else {
                long original = in.u32(8, littleEndian);
                int captured = (int) Math.min(original, length - 16);
                sink.frame(new PcapFrame(start, Optional.empty(), interfaces.get(0).linkType(), in.copy(12, captured),
                        original));
            }
        }
    }

    /** An Interface Description Block: the link type and the options that say how its timestamps count. */
    private Interface describe(int length) {
        int linkType = in.u16(8, littleEndian);
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        int at = 16;
        while (at + 4 <= length - 4) {
            int code = in.u16(at, littleEndian);
            int size = in.u16(at + 2, littleEndian);
            if (code == 0 || at + 4 + size > length - 4) {
                break;
            }
            if (code == 9 && size == 1) {
                binary = (in.u8(at + 4) & 0x80) != 0;
                exponent = in.u8(at + 4) & 0x7F;
            } else if (code == 14 && size == 8) {
                offset = in.u32(at + 4, littleEndian) << 32 | in.u32(at + 8, littleEndian);
            }
            at += 4 + (size + 3) / 4 * 4;
        }
        return new Interface(linkType, binary, exponent, offset);
    }

    /** A timestamp in the interface's units as an instant; empty when it is out of any instant's range. */
    static Optional<Instant> time(Interface i, long stamp) {
        if (stamp >= 0 && i.offsetSeconds() == 0 && (i.binary() ? i.exponent() <= 30 : i.exponent() <= 9)) {
            long perSecond = i.binary() ? 1L << i.exponent() : POWERS[i.exponent()];
            return Optional.of(Instant.ofEpochSecond(stamp / perSecond, stamp % perSecond * 1_000_000_000L
                    / perSecond));
        }
        BigInteger units = new BigInteger(Long.toUnsignedString(stamp));
        BigInteger perSecond = i.binary() ? BigInteger.ONE.shiftLeft(i.exponent()) : BigInteger.TEN.pow(i.exponent());
        BigInteger[] split = units.divideAndRemainder(perSecond);
        BigInteger seconds = split[0].add(BigInteger.valueOf(i.offsetSeconds()));
        if (seconds.compareTo(BigInteger.valueOf(Instant.MAX.getEpochSecond())) > 0
                || seconds.compareTo(BigInteger.valueOf(Instant.MIN.getEpochSecond())) < 0) {
            return Optional.empty();
        }
        long nanos = split[1].multiply(BigInteger.valueOf(1_000_000_000L)).divide(perSecond).longValueExact();
        return Optional.of(Instant.ofEpochSecond(seconds.longValueExact(), nanos));
    }

    /** Looks for the next block within {@link PcapFile#RESYNC} bytes; false when reading stops. */
    private boolean resync(long start, String what) {
        int available = in.fill(PcapFile.RESYNC + READ_WHOLE);
        boolean order = littleEndian;
        for (int at = 1; at <= PcapFile.RESYNC && at + 12 <= available; at++) {
            long type = in.u32(at, false) == SECTION_HEADER ? SECTION_HEADER : in.u32(at, littleEndian);
            if (!KNOWN.contains(type) || !inSection && type != SECTION_HEADER
                    || type == SECTION_HEADER && !byteOrder(at)) {
                continue;
            }
            long length = in.u32(at + 4, littleEndian);
            if (plausibleLength(length) && at + length <= available
                    && in.u32(at + (int) length - 4, littleEndian) == length) {
                sink.problem(start, what + ": " + at + " bytes skipped to the next block, at byte " + (start + at));
                in.skip(at);
                return true;
            }
            littleEndian = order;
        }
        sink.problem(start, what + " and no block follows within " + PcapFile.RESYNC + " bytes: reading stopped");
        return false;
    }
}
