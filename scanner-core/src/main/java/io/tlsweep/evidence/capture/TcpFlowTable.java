package io.tlsweep.evidence.capture;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The TCP connections of a capture being followed, bounded so that memory stays flat on any capture: at most
 * {@link #MAX_FLOWS} connections and {@link #MAX_HELD} bytes kept for them all; past either, the connection least
 * recently seen is ended (a ClientHello with no answer yet counts as failed) and dropped. A decided connection
 * stays as a small entry, so that the rest of its packets are passed over, until it is dropped in turn or a new SYN
 * reuses its addresses and ports.
 */
final class TcpFlowTable {
    static final int MAX_FLOWS = 65536;
    static final long MAX_HELD = 64L << 20;

    private record Key(TcpFlow.Endpoint low, TcpFlow.Endpoint high) {
    }

    private final LinkedHashMap<Key, TcpFlow> flows = new LinkedHashMap<>(1024, 0.75f, true);
    private final TcpFlow.Decided out;
    private final int maxFlows;
    private final long maxHeld;
    private long held;

    TcpFlowTable(TcpFlow.Decided out) {
        this(out, MAX_FLOWS, MAX_HELD);
    }

    /** A table with other bounds (for tests of the eviction). */
    TcpFlowTable(TcpFlow.Decided out, int maxFlows, long maxHeld) {
        this.out = out;
        this.maxFlows = maxFlows;
        this.maxHeld = maxHeld;
    }

    /** Follows one segment of the packet {@code frame}. */
    void segment(TcpSegment s, PcapFrame frame) {
        TcpFlow.Endpoint from = new TcpFlow.Endpoint(s.source(), s.sourcePort());
        TcpFlow.Endpoint to = new TcpFlow.Endpoint(s.destination(), s.destinationPort());
        boolean forward = from.compareTo(to) <= 0;
        Key key = forward ? new Key(from, to) : new Key(to, from);
        int direction = forward ? 0 : 1;
        TcpFlow flow = flows.get(key);
        if (flow != null && flow.restartedBy(direction, s)) {
            held -= flow.held();
            flow.end(out);
            flows.remove(key);
            flow = null;
        }
        if (flow == null) {
            if (s.payload().length == 0 && !s.has(TcpSegment.SYN)) {
                return; // a bare ACK, FIN or RST of a connection not followed
            }
            flow = new TcpFlow(key.low(), key.high());
            flows.put(key, flow);
        }
        int before = flow.held();
        flow.segment(direction, s, frame, out);
        held += flow.held() - before;
        while (flows.size() > maxFlows || held > maxHeld) {
            Iterator<TcpFlow> eldest = flows.values().iterator();
            TcpFlow f = eldest.next();
            held -= f.held();
            f.end(out);
            eldest.remove();
        }
    }

    /** Ends every connection still followed, at the end of the capture. */
    void finish() {
        for (TcpFlow f : flows.values()) {
            f.end(out);
        }
        flows.clear();
        held = 0;
    }

    /** How many connections are followed, decided ones included. */
    int size() {
        return flows.size();
    }

    /** How many bytes are kept for them. */
    long held() {
        return held;
    }
}
