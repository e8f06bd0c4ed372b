package io.tlsweep.prelude.pop3;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;

/** POP3's STLS (RFC 2595 section 4), port 110. See {@link Pop3Codec}. */
public record Pop3Prelude() implements Prelude {
    public static final String NAME = "pop3";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(110), new Pop3Prelude());

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new Pop3Codec();
    }
}
