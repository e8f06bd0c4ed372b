package io.tlsweep.prelude.ftp;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an FTP server said before TLS (RFC 959, RFC 2389 FEAT, RFC 4217 AUTH TLS). Which logins an FTP server takes
 * before TLS is not advertised (USER and PASS are always there until a login is tried, which tlsweep never does),
 * so no authentication facts are given.
 *
 * @param banner the text of the 220 greeting, its lines joined by a line feed (cut to 200 characters)
 * @param tlsOffered whether FEAT lists {@code AUTH TLS}; empty when the server has no FEAT (or it never came)
 */
public record FtpFacts(String banner, Optional<Boolean> tlsOffered) implements PreludeFacts {

    public FtpFacts {
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(tlsOffered, "tlsOffered");
    }

    @Override
    public String protocol() {
        return FtpPrelude.NAME;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("banner", banner);
        tlsOffered.ifPresent(offered -> fields.put("starttls-offered", offered));
        return fields;
    }

    @Override
    public Optional<String> withoutTls() {
        return tlsOffered.filter(offered -> !offered).map(no -> "AUTH TLS not offered");
    }
}
