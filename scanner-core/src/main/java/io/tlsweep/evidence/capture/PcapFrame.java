package io.tlsweep.evidence.capture;

import java.time.Instant;
import java.util.Optional;

/**
 * One packet as the capture recorded it.
 *
 * @param offset where its record or block starts in the (uncompressed) capture
 * @param time when it was captured; empty for a pcapng Simple Packet Block, which has no time
 * @param linkType the LINKTYPE_ value of its interface (1 Ethernet, 113 Linux SLL ...)
 * @param data the bytes captured, starting with the link-layer header
 * @param originalLength the packet's length on the wire; more than {@code data.length} when the snaplen cut it
 */
record PcapFrame(long offset, Optional<Instant> time, int linkType, byte[] data, long originalLength) {
    /** Whether the capture kept less of the packet than was sent. */
    boolean cut() {
        return originalLength > data.length;
    }
}
