package io.tlsweep.prelude.ldap;

import io.tlsweep.prelude.line.MechanismList;
import java.util.List;

/**
 * What an LDAP server's root DSE (RFC 4512 section 5.1) says before StartTLS, read with an anonymous search of the
 * empty base for two attributes: the SASL mechanisms it offers on this connection ({@code supportedSASLMechanisms},
 * upper case, in its order) and whether its {@code supportedExtension} lists StartTLS (1.3.6.1.4.1.1466.20037).
 */
public record RootDse(List<String> saslMechanisms, boolean startTlsListed) {
    /** The StartTLS extended operation's OID (RFC 4511 section 4.14.1). */
    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";

    public RootDse {
        saslMechanisms = List.copyOf(saslMechanisms);
    }

    /** Of the mechanisms, those that carry the password in plain text. */
    List<String> plainText() {
        return MechanismList.plainText(saslMechanisms);
    }
}
