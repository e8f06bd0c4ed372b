package io.tlsweep.prelude.imap;

import io.tlsweep.prelude.line.CapabilityFacts;
import io.tlsweep.prelude.line.MechanismList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an IMAP server said before TLS (RFC 3501/9051, RFC 2595).
 *
 * @param banner the greeting's text, without {@code * OK} and the capability list (cut to 200 characters)
 * @param tlsOffered whether STARTTLS is among the capabilities; empty when the capabilities never came, in which
 *     case the other facts are empty too
 * @param authMechanisms the SASL mechanisms of the {@code AUTH=} capabilities, before TLS
 * @param loginDisabled whether {@code LOGINDISABLED} says the LOGIN command is refused before TLS
 */
public record ImapFacts(String banner, Optional<Boolean> tlsOffered, List<String> authMechanisms,
        Optional<Boolean> loginDisabled) implements CapabilityFacts {

    public ImapFacts {
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(tlsOffered, "tlsOffered");
        authMechanisms = List.copyOf(authMechanisms);
        Objects.requireNonNull(loginDisabled, "loginDisabled");
    }

    @Override
    public String protocol() {
        return ImapPrelude.NAME;
    }

    /**
     * How a password may travel in plain text before TLS, as the capabilities say it: {@code AUTH=PLAIN},
     * {@code AUTH=LOGIN}, and {@code LOGIN} (the command) unless LOGINDISABLED.
     */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        List<String> ways = new ArrayList<>();
        MechanismList.plainText(authMechanisms).forEach(m -> ways.add("AUTH=" + m));
        if (loginDisabled.equals(Optional.of(false))) {
            ways.add("LOGIN");
        }
        return ways;
    }

    @Override
    public String startTlsCommand() {
        return "STARTTLS";
    }

    @Override
    public void ownFields(Map<String, Object> fields) {
        loginDisabled.ifPresent(disabled -> fields.put("login-disabled", disabled));
    }
}
