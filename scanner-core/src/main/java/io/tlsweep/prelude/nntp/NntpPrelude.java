package io.tlsweep.prelude.nntp;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;

/** NNTP's STARTTLS (RFC 4642), port 119. See {@link NntpCodec}. */
public record NntpPrelude() implements Prelude {
    public static final String NAME = "nntp";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(119), new NntpPrelude());

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new NntpCodec();
    }
}
