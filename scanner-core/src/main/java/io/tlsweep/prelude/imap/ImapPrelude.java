package io.tlsweep.prelude.imap;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;
import java.util.Optional;

/** IMAP's STARTTLS (RFC 3501 section 6.2.1, RFC 2595), port 143. See {@link ImapCodec}. */
public record ImapPrelude(boolean askAuth) implements Prelude {
    public static final String NAME = "imap";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(143), new ImapPrelude(false),
            new ImapPrelude(true));

    /** The prelude that asks nothing after TLS. */
    public ImapPrelude() {
        this(false);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new ImapCodec();
    }

    /** With {@code askAuth}: the capabilities again over TLS ({@link ImapAfterTls}). */
    @Override
    public Optional<AfterTlsCodec> afterTls() {
        return askAuth ? Optional.of(new ImapAfterTls()) : Optional.empty();
    }
}
