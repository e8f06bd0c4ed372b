/**
 * Pure codecs for what is said before TLS: STARTTLS in its protocols, RDP's X.224 negotiation, SQL Server's
 * TDS PRELOGIN, and the framing of TLS records some of them need. Bytes in, bytes out, and a value for "go on",
 * "TLS may start" or a failure; no sockets, no Netty. The engine runs a {@link io.tlsweep.prelude.Prelude} on
 * every connection of a probe step that names one, for raw hellos and full handshakes alike.
 */
package io.tlsweep.prelude;
