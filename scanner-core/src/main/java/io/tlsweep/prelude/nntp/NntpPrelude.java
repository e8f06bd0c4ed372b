package io.tlsweep.prelude.nntp;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;
import java.util.Optional;

/** NNTP's STARTTLS (RFC 4642), port 119. See {@link NntpCodec}. */
public record NntpPrelude(boolean askAuth) implements Prelude {
    public static final String NAME = "nntp";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(119), new NntpPrelude(false),
            new NntpPrelude(true));

    /** The prelude that asks nothing after TLS. */
    public NntpPrelude() {
        this(false);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new NntpCodec();
    }

    /** With {@code askAuth}: the capabilities again over TLS ({@link NntpAfterTls}). */
    @Override
    public Optional<AfterTlsCodec> afterTls() {
        return askAuth ? Optional.of(new NntpAfterTls()) : Optional.empty();
    }
}
