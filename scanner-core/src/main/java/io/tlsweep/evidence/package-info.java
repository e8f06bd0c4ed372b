/**
 * Evidence of who uses TLS, and how: streaming readers of server logs (nginx, Apache httpd, IIS, HAProxy,
 * Postfix, Exchange, Zeek, Windows Schannel events) and packet captures, each turning its input into
 * {@link io.tlsweep.evidence.Observation}s (one per handshake seen) and {@link io.tlsweep.evidence.EvidenceProblem}s
 * (one per bad line or block, with the file and the position), and the tally of observations into per-endpoint
 * client usage. Inputs of any size are streamed: a reader keeps no line, a tally counts clients and keeps none raw.
 */
package io.tlsweep.evidence;
