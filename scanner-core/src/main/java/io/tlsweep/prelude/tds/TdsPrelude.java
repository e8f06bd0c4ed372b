package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;

/**
 * SQL Server's PRELOGIN before TLS ([MS-TDS] 2.2.6.5): the client's PRELOGIN asks for {@code asking}, the
 * server's response gives its version and its ENCRYPTION answer; unless that is ENCRYPT_NOT_SUP, TLS starts
 * with its handshake records in TDS packets ({@link TdsFraming}). TDS 8.0 (strict encryption) has no prelude:
 * it is TLS at once with the ALPN protocol {@code tds/8.0}.
 *
 * @param asking ENCRYPT_ON (the default: TLS from any server that has it) or ENCRYPT_OFF (a server that does not
 *     force encryption then answers OFF: TLS for the login packet only)
 */
public record TdsPrelude(Encryption asking) implements Prelude {
    /** The protocol's name. */
    public static final String PROTOCOL = "mssql";
    /** Asks for ENCRYPT_ON. */
    public static final TdsPrelude DEFAULT = new TdsPrelude(Encryption.ON);

    public TdsPrelude {
        if (asking != Encryption.ON && asking != Encryption.OFF) {
            throw new IllegalArgumentException("a TDS prelude asks for ENCRYPT_ON or ENCRYPT_OFF, not " + asking);
        }
    }

    /** The prelude whose PRELOGIN says {@code encryption} (ON or OFF). */
    public static TdsPrelude asking(Encryption encryption) {
        return new TdsPrelude(encryption);
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public PreludeCodec open() {
        return new TdsCodec(asking);
    }
}
