package io.tlsweep.prelude.pop3;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;
import java.util.Optional;

/** POP3's STLS (RFC 2595 section 4), port 110. See {@link Pop3Codec}. */
public record Pop3Prelude(boolean askAuth) implements Prelude {
    public static final String NAME = "pop3";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(110), new Pop3Prelude(false),
            new Pop3Prelude(true));

    /** The prelude that asks nothing after TLS. */
    public Pop3Prelude() {
        this(false);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new Pop3Codec();
    }

    /** With {@code askAuth}: the capabilities again over TLS ({@link Pop3AfterTls}). */
    @Override
    public Optional<AfterTlsCodec> afterTls() {
        return askAuth ? Optional.of(new Pop3AfterTls()) : Optional.empty();
    }
}
