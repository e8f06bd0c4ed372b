package io.tlsweep.evidence.capture;

import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import java.time.Instant;
import java.util.Optional;

/**
 * One TCP connection of a capture, followed until its handshake is decided: the client's ClientHello, then the
 * server's ServerHello (established) or an alert (failed, with the version the client asked for). A connection
 * that ends, or is dropped from the flow table, after a ClientHello with no answer is failed too. The client is
 * the side that sent the SYN, or where no SYN was captured, the side that sent a ClientHello. Once decided it
 * keeps nothing but its state, so that the rest of the connection is passed over cheaply.
 */
final class TcpFlow {
    /** Where decided flows and what could not be read go. */
    interface Decided {
        void observed(Observation o);

        void problem(long offset, String message);
    }

    /** One side of the connection. */
    record Endpoint(String address, int port) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            int c = address.compareTo(o.address);
            return c != 0 ? c : Integer.compare(port, o.port);
        }

        @Override
        public String toString() {
            return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
        }
    }

    private final Endpoint[] ends;
    private final TcpStream[] streams = {new TcpStream(), new TcpStream()};
    private final HelloScan[] scans = {new HelloScan(), new HelloScan()};
    private int client = -1;
    private long clientSyn = -1;
    private ClientHello hello;
    private Optional<Instant> helloTime = Optional.empty();
    private boolean done;

    /** A connection between {@code a} (direction 0 is from it) and {@code b}. */
    TcpFlow(Endpoint a, Endpoint b) {
        this.ends = new Endpoint[] {a, b};
    }

    /** Whether a SYN from {@code direction} starts a new connection on the same addresses and ports. */
    boolean restartedBy(int direction, TcpSegment s) {
        return s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) && clientSyn >= 0
                && (direction != client || s.sequence() != clientSyn);
    }

    /** Bytes kept, for the table's budget. */
    int held() {
        return streams[0].held() + streams[1].held();
    }

    /** Reads one segment sent from {@code ends[direction]}, of the packet {@code frame}. */
    void segment(int direction, TcpSegment s, PcapFrame frame, Decided out) {
        if (done) {
            return;
        }
        if (s.has(TcpSegment.SYN)) {
            streams[direction].syn(s.sequence());
            if (client < 0 || !s.has(TcpSegment.ACK)) {
                client = s.has(TcpSegment.ACK) ? 1 - direction : direction;
            }
            if (!s.has(TcpSegment.ACK)) {
                clientSyn = s.sequence();
            }
        }
        TcpStream stream = streams[direction];
        if (!stream.add(s.sequence(), s.payload(), s.cut(), frame.offset())) {
            return;
        }
        if (hello == null) {
            if (client >= 0 && client != direction) {
                if (stream.full()) {
                    close(); // 64 KiB from the server before any ClientHello: not TLS, nor a STARTTLS prelude
                }
                return; // the server's bytes (a STARTTLS greeting ...) wait for the ClientHello
            }
            hello = scans[direction].client(stream.bytes(), stream.length());
            if (hello != null) {
                client = direction;
                helloTime = frame.time();
                stream.release();
                answer(out);
            } else if (stream.full()) {
                close(); // no TLS in the first bytes of this connection
            }
        } else if (direction != client) {
            answer(out);
        }
    }

    /** Looks for the server's answer in what it sent so far. */
    private void answer(Decided out) {
        TcpStream stream = streams[1 - client];
        ServerResponse r = scans[1 - client].server(stream.bytes(), stream.length());
        if (r != null) {
            out.observed(observation(r));
            close();
        } else if (stream.full()) {
            out.observed(observation(null));
            close();
        }
    }

    /** The connection ends (or is dropped): a ClientHello with no answer is a failed handshake. */
    void end(Decided out) {
        if (done) {
            return;
        }
        if (hello != null) {
            long cut = streams[1 - client].cutAt();
            if (cut >= 0) {
                out.problem(cut, "the server's answer in " + ends[client] + " → " + ends[1 - client] + " was cut"
                        + " short by the capture's snaplen: the handshake's outcome is not known (capture with -s 0)");
            } else {
                out.observed(observation(null));
            }
        } else {
            for (int d = 0; d < 2; d++) {
                if ((client < 0 || client == d) && scans[d].pending() && streams[d].cutAt() >= 0) {
                    out.problem(streams[d].cutAt(), "a ClientHello in " + ends[d] + " → " + ends[1 - d] + " was cut"
                            + " short by the capture's snaplen and could not be read (capture with -s 0)");
                }
            }
        }
        close();
    }

    private void close() {
        done = true;
        streams[0].release();
        streams[1].release();
    }

    /** The handshake as an observation: established with a ServerHello, else failed. */
    private Observation observation(ServerResponse answer) {
        Endpoint server = ends[1 - client];
        Observation o = Observation.established(PcapReader.NAME).from(ends[client].address())
                .to(server.address(), server.port()).offering(ProfileMatcher.offered(hello));
        if (helloTime.isPresent()) {
            o = o.at(helloTime.get());
        }
        if (hello.serverName().isPresent()) {
            o = o.named(hello.serverName().get());
        }
        if (answer instanceof ServerHello sh) {
            return o.negotiated(sh.version(), sh.cipherSuite().ianaName());
        }
        return o.negotiated(hello.highestOffered(), null).failed();
    }
}
