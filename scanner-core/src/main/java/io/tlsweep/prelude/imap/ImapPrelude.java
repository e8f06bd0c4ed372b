package io.tlsweep.prelude.imap;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;

/** IMAP's STARTTLS (RFC 3501 section 6.2.1, RFC 2595), port 143. See {@link ImapCodec}. */
public record ImapPrelude() implements Prelude {
    public static final String NAME = "imap";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(143), new ImapPrelude());

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new ImapCodec();
    }
}
