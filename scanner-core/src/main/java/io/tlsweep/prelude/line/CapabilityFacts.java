package io.tlsweep.prelude.line;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a line protocol that lists its capabilities before TLS said (IMAP, POP3, NNTP, ManageSieve): a banner,
 * whether the command that starts TLS is offered, the login mechanisms. Gives the fields shared by all of them,
 * in one order, then each protocol's own ({@link #ownFields}).
 */
public interface CapabilityFacts extends PreludeFacts {

    /** The greeting's text, cut short. */
    String banner();

    /** Whether the capabilities list the command that starts TLS; empty when they never came. */
    Optional<Boolean> tlsOffered();

    /** The SASL mechanisms offered before TLS, as the capabilities list them. */
    List<String> authMechanisms();

    /** The command that starts TLS in this protocol ({@code STARTTLS}, {@code STLS}), for what is reported. */
    String startTlsCommand();

    /** This protocol's own fields, put after the shared ones; none by default. */
    default void ownFields(Map<String, Object> fields) {
    }

    /**
     * {@code banner}; once the capabilities came, {@code starttls-offered}, {@code auth-mechanisms} and
     * {@code plain-text-auth}; then the protocol's own.
     */
    @Override
    default Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("banner", banner());
        tlsOffered().ifPresent(offered -> {
            fields.put("starttls-offered", offered);
            fields.put("auth-mechanisms", authMechanisms());
            fields.put("plain-text-auth", plainTextAuthBeforeTls());
        });
        ownFields(fields);
        return fields;
    }

    @Override
    default Optional<String> withoutTls() {
        return tlsOffered().filter(offered -> !offered).map(no -> startTlsCommand() + " not offered");
    }
}
