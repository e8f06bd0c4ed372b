package io.tlsweep.wire;

import java.util.List;
import java.util.Optional;

/**
 * A TLS 1.3 HelloRetryRequest (a ServerHello carrying the special random of RFC 8446 §4.1.3): the server
 * accepts TLS 1.3 and this cipher suite but wants a key share for {@code selectedGroup}.
 */
public record HelloRetryRequest(
        ProtocolVersion legacyVersion,
        ProtocolVersion selectedVersion,
        CipherSuite cipherSuite,
        Optional<NamedGroup> selectedGroup,
        Optional<byte[]> cookie,
        byte[] sessionId,
        List<Extension> extensions) implements ServerResponse {

    public HelloRetryRequest {
        cookie = cookie.map(byte[]::clone);
        sessionId = sessionId.clone();
        extensions = List.copyOf(extensions);
    }

    @Override
    public Optional<byte[]> cookie() {
        return cookie.map(byte[]::clone);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }
}
