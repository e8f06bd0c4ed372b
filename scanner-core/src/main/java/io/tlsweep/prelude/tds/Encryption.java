package io.tlsweep.prelude.tds;

import java.util.Optional;

/**
 * PRELOGIN's ENCRYPTION values ([MS-TDS] 2.2.6.5). A client says what it wants, the server what it will do;
 * together they decide: TLS for the whole connection, for the login packet only (both OFF), or none (either
 * NOT_SUP). A client asking ON gets TLS from any server that has it.
 */
public enum Encryption {
    /** ENCRYPT_OFF: available but off; a server answering it lets the session after login go unencrypted. */
    OFF(0x00, "off"),
    /** ENCRYPT_ON: on. */
    ON(0x01, "on"),
    /** ENCRYPT_NOT_SUP: not supported; from a server, logins travel without TLS. */
    NOT_SUP(0x02, "not-supported"),
    /** ENCRYPT_REQ: required; from a server, Force Encryption is set. */
    REQ(0x03, "required");

    private final int value;
    private final String label;

    Encryption(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** The name in facts: {@code off}, {@code on}, {@code not-supported}, {@code required}. */
    public String label() {
        return label;
    }

    public static Optional<Encryption> of(int value) {
        for (Encryption e : values()) {
            if (e.value == value) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
