/**
 * Target input: the line syntax, lazy CIDR expansion, streaming sources, sharding, endpoint identity and
 * scope. Nothing here resolves a name or opens a socket (the engine does); IP literals are recognised by
 * {@link io.tlsweep.text.IpLiteral}, not by {@code InetAddress}.
 *
 * <h2>Syntax, one target per line or per command-line argument</h2>
 * <pre>
 *   example.com                 a name: resolved by the engine, sent as SNI, default port(s)
 *   example.com:8443            explicit port (wins over the default ports)
 *   192.0.2.1[:PORT]            IPv4 literal: no SNI
 *   [2001:db8::1][:PORT]        IPv6 literal; bare 2001:db8::1 has no port (a trailing :NNNN is part of it)
 *   192.0.2.0/24[:PORT]         CIDR, every address in order
 *   [2001:db8::/120][:PORT]     IPv6 CIDR; bare 2001:db8::/120 takes the default ports
 *   192.0.2.1 sni=www.example   connect to the address, send the name; nothing resolved
 *   mx.example starttls=smtp    SMTP's STARTTLS before TLS (a protocol's name, none, or auto: by port)
 *   # comment, blank lines; "target  # trailing comment"
 * </pre>
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li>CIDR edges as nmap: all addresses, network and broadcast included (/31 = 2, /32 = 1); host bits
 * are cleared ({@code 192.0.2.77/24} = {@code 192.0.2.0/24}); at most 2^32 addresses a line, so an
 * IPv4 /0 is allowed and streamed, IPv6 needs /96 or longer.</li>
 * <li>{@link io.tlsweep.input.Target#input()} is the text as written without modifiers, shared by the
 * targets of each default port; for CIDR it is the expanded address and port ({@code 192.0.2.1:443},
 * {@code [2001:db8::1]:443}) so each result line names one endpoint.</li>
 * <li>Origins: {@code file:line} (file named as given), {@code -:line} for stdin, {@code argument N}
 * (N counts target arguments from 1).</li>
 * <li>IPv6 zone ids ({@code fe80::1%eth0}) are refused with a message: a scope is local to one machine.
 * Literals are canonical in {@code host} (RFC 5952: {@code 2001:db8::1}, {@code ::ffff:192.0.2.1}).</li>
 * <li>IPv4 is the strict dotted quad: no leading zeros (octal?), no {@code 127.1}; a name whose last
 * label is all digits is refused, as no top-level domain is numeric.</li>
 * <li>Names are LDH (letters, digits, hyphen; labels 1-63; total 253), ASCII only (use {@code xn--});
 * case is kept; a trailing dot is kept in {@code host} for the resolver and dropped from the SNI.</li>
 * <li>{@code starttls=}: this package knows no protocol spoken before TLS. The caller gives the names and the
 * ports {@code auto} picks them on as data ({@link io.tlsweep.input.StartTls}, from the prelude registry), so a
 * name is checked on its line (a bad one is that line's error, as a bad {@code sni=}) while the dependency
 * stays one-way; a target carries the protocol resolved, by name ({@link io.tlsweep.input.Target#prelude()}).</li>
 * <li>An endpoint is its {@link io.tlsweep.input.EndpointIdentity} (host, port, SNI, protocol), never its
 * line: {@link io.tlsweep.input.DistinctTargets} drops a target whose endpoint came before, at 11-21 bytes
 * per distinct endpoint ({@link io.tlsweep.input.KeySet}).</li>
 * <li>{@link io.tlsweep.input.Scope}: addresses never connected to (unspecified, multicast, limited
 * broadcast, reserved) and the user's exclusions ({@link io.tlsweep.input.ScopeRules}); the engine checks
 * every address against it before connecting. The network and broadcast addresses of an expanded range are
 * kept (see {@link io.tlsweep.input.AddressRange}).</li>
 * </ul>
 */
package io.tlsweep.input;
