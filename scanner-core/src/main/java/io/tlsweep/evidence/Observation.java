package io.tlsweep.evidence;

import io.tlsweep.wire.ProtocolVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One TLS handshake an input recorded: who, to which server endpoint, when, with which version and cipher. Each
 * field is there only when the input carries it (a Postfix line names no server address, an access log no offered
 * suites). A failed handshake (a Schannel error event, a capture whose server answered with an alert) is an
 * observation too: it shows a client that tried the version.
 *
 * @param time when, in UTC
 * @param clientAddress the client's IP address as text (v6 without brackets)
 * @param serverAddress the server endpoint's address as the input names it (an IP address, or a host name where
 *     that is all the log has)
 * @param serverPort the server endpoint's port
 * @param serverName the SNI name the client sent (or the virtual host the log names)
 * @param version the negotiated version, or for a failed handshake the version the client asked for
 * @param cipher the cipher suite as the input names it (OpenSSL, IANA or Windows name, or a hex code)
 * @param established whether the handshake completed
 * @param userAgent the HTTP User-Agent the log carries
 * @param offered the client's ClientHello, where the input shows it
 * @param format the reader's name ("nginx", "pcap" ...)
 */
public record Observation(Optional<Instant> time, Optional<String> clientAddress, Optional<String> serverAddress,
        OptionalInt serverPort, Optional<String> serverName, Optional<ProtocolVersion> version,
        Optional<String> cipher, boolean established, Optional<String> userAgent, Optional<OfferedHello> offered,
        String format) {
    public Observation {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(serverPort, "serverPort");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipher, "cipher");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(format, "format");
    }

    /** A completed handshake with no field known yet: readers fill what their input has with the withers. */
    public static Observation established(String format) {
        return new Observation(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), format);
    }

    public Observation at(Instant t) {
        return new Observation(Optional.of(t), clientAddress, serverAddress, serverPort, serverName, version, cipher,
                established, userAgent, offered, format);
    }

    public Observation from(String client) {
        return new Observation(time, Optional.of(client), serverAddress, serverPort, serverName, version, cipher,
                established, userAgent, offered, format);
    }

    /** The server endpoint; a null address or a negative port leaves that part unknown. */
    public Observation to(String address, int port) {
        return new Observation(time, clientAddress, Optional.ofNullable(address).or(() -> serverAddress),
                port < 0 ? serverPort : OptionalInt.of(port), serverName, version, cipher, established, userAgent,
                offered, format);
    }

    public Observation named(String sni) {
        return new Observation(time, clientAddress, serverAddress, serverPort, Optional.of(sni), version, cipher,
                established, userAgent, offered, format);
    }

    public Observation negotiated(ProtocolVersion v, String cipherName) {
        return new Observation(time, clientAddress, serverAddress, serverPort, serverName, Optional.of(v),
                Optional.ofNullable(cipherName), established, userAgent, offered, format);
    }

    public Observation failed() {
        return new Observation(time, clientAddress, serverAddress, serverPort, serverName, version, cipher, false,
                userAgent, offered, format);
    }

    public Observation agent(String ua) {
        return new Observation(time, clientAddress, serverAddress, serverPort, serverName, version, cipher,
                established, Optional.of(ua), offered, format);
    }

    public Observation offering(OfferedHello hello) {
        return new Observation(time, clientAddress, serverAddress, serverPort, serverName, version, cipher,
                established, userAgent, Optional.of(hello), format);
    }
}
