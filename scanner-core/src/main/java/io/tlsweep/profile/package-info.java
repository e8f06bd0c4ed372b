/**
 * Client profiles: what real client stacks (Windows Schannel, WinHTTP, .NET Framework, Java, OpenSSL, a
 * browser) put in their ClientHello by default, every fact with its public source, and the words each
 * client shows when a handshake fails. Pure data and pure functions: no sockets, no Netty.
 */
package io.tlsweep.profile;
