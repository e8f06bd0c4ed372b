package io.tlsweep.prelude.ldap;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an LDAP server's answer to StartTLS tells: its result code (0 success; 2 protocolError, which RFC 4511
 * section 4.14.2 gives to a server that does not support TLS; any other a refusal) and its diagnostic message,
 * as received (cut short; empty when the server sent none); and, when it was asked, what the root DSE said before
 * StartTLS.
 */
public record LdapFacts(int resultCode, String diagnosticMessage, Optional<RootDse> rootDse) implements PreludeFacts {

    public LdapFacts {
        Objects.requireNonNull(diagnosticMessage, "diagnosticMessage");
        Objects.requireNonNull(rootDse, "rootDse");
    }

    /** The answer to StartTLS alone, the root DSE not read. */
    public LdapFacts(int resultCode, String diagnosticMessage) {
        this(resultCode, diagnosticMessage, Optional.empty());
    }

    @Override
    public String protocol() {
        return LdapProtocol.NAME;
    }

    /** Whether the server supports StartTLS: known from success and protocolError only. */
    public Optional<Boolean> starttlsOffered() {
        return resultCode == LdapResultCodes.SUCCESS ? Optional.of(true)
                : resultCode == LdapResultCodes.PROTOCOL_ERROR ? Optional.of(false) : Optional.empty();
    }

    /** The result code's name from RFC 4511 ("protocolError"). */
    public String result() {
        return LdapResultCodes.name(resultCode);
    }

    /**
     * {@code result-code} (Integer), {@code result} (its RFC 4511 name), {@code diagnostic-message} (when the
     * server sent one), {@code starttls-offered} (true on success, false on protocolError, absent otherwise); when
     * the root DSE was read, {@code sasl-mechanisms} (offered before TLS) and {@code starttls-listed} (whether its
     * supportedExtension names StartTLS).
     */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("result-code", resultCode);
        fields.put("result", result());
        if (!diagnosticMessage.isEmpty()) {
            fields.put("diagnostic-message", diagnosticMessage);
        }
        starttlsOffered().ifPresent(offered -> fields.put("starttls-offered", offered));
        rootDse.ifPresent(dse -> {
            fields.put("sasl-mechanisms", dse.saslMechanisms());
            fields.put("starttls-listed", dse.startTlsListed());
        });
        return fields;
    }

    /** SASL PLAIN (or LOGIN) among the root DSE's mechanisms, read before TLS. */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        return rootDse.map(dse -> dse.plainText().stream().map(m -> "SASL " + m).toList()).orElse(List.of());
    }

    @Override
    public Optional<String> withoutTls() {
        return starttlsOffered().filter(offered -> !offered).map(no -> "StartTLS answered " + result());
    }
}
