package io.tlsweep.evidence.capture;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceSink;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.Position;
import java.util.HashSet;
import java.util.Set;

/**
 * Packet captures, pcap and pcapng (plain or gzip): every TCP connection's ClientHello and the server's answer,
 * decoded with tlsweep's own decoders, one observation per handshake, with the client's whole offer. Link types:
 * Ethernet (802.1Q VLAN too), Linux cooked v1 and v2 ({@code tcpdump -i any}), raw IP and BSD loopback; IPv4 and
 * IPv6. Problems are placed at the byte offset of the record or block (in the uncompressed capture).
 */
public final class PcapReader implements EvidenceReader {
    /** The format's name. */
    public static final String NAME = "pcap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String about() {
        return "packet captures, pcap or pcapng (tcpdump -i any -s 0 -w tls.pcap 'tcp port 443'): each TCP"
                + " connection's ClientHello and ServerHello, STARTTLS too";
    }

    @Override
    public boolean recognises(byte[] head) {
        return PcapFile.recognises(head);
    }

    @Override
    public void read(EvidenceInput in, EvidenceSink sink) {
        String where = in.compressed() ? " (of the uncompressed capture)" : "";
        TcpFlow.Decided out = new TcpFlow.Decided() {
            @Override
            public void observed(Observation o) {
                sink.observed(o);
            }

            @Override
            public void problem(long offset, String message) {
                sink.problem(new EvidenceProblem(Position.offset(in.name(), offset), message + where));
            }
        };
        TcpFlowTable flows = new TcpFlowTable(out);
        Set<Integer> unknownLinks = new HashSet<>();
        PcapFile.read(in.stream(), new FrameSink() {
            @Override
            public void frame(PcapFrame frame) {
                int ip = LinkLayer.ipStart(frame.linkType(), frame.data());
                if (ip == LinkLayer.UNKNOWN_LINK) {
                    if (unknownLinks.add(frame.linkType())) {
                        out.problem(frame.offset(), "link type " + frame.linkType() + " is not read (Ethernet, Linux"
                                + " cooked SLL and SLL2, raw IP and BSD loopback are): its packets are skipped");
                    }
                    return;
                }
                TcpSegment s = TcpSegment.parse(frame.data(), ip);
                if (s != null) {
                    flows.segment(s, frame);
                }
            }

            @Override
            public void problem(long offset, String message) {
                out.problem(offset, message);
            }
        });
        flows.finish();
    }
}
