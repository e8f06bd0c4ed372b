package io.tlsweep.prelude.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.3): {@code scheme [ token68 | #auth-param ]}.
 *
 * @param scheme the scheme in its registered spelling ("Basic", "NTLM", "Negotiate", "Bearer"), or as the server
 *     wrote it when it is none of those
 * @param token68 the single token after the scheme (NTLM's and Negotiate's base64 blobs in a later round)
 * @param params the auth-params in the server's order, names in lower case (they are case-insensitive), values
 *     without their quotes
 */
public record Challenge(String scheme, Optional<String> token68, Map<String, String> params) {

    public Challenge {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(token68, "token68");
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        if (token68.isPresent() && !params.isEmpty()) {
            throw new IllegalArgumentException("a challenge has a token68 or auth-params, not both");
        }
    }

    /** A scheme alone, with nothing after it. */
    public static Challenge of(String scheme) {
        return new Challenge(scheme, Optional.empty(), Map.of());
    }
}
