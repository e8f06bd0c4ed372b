/**
 * The packet capture reader: pcap and pcapng files read block by block, link layers and IP down to TCP segments,
 * each connection's first bytes put back in order (bounded), and its TLS hellos found and decoded with the
 * {@code wire} decoders into {@link io.tlsweep.evidence.Observation}s. Pure over the input stream, bounded in memory
 * on any capture size.
 */
package io.tlsweep.evidence.capture;
