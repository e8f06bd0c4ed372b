package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;

/** ManageSieve's STARTTLS (RFC 5804 section 2.2), port 4190. See {@link SieveCodec}. */
public record SievePrelude() implements Prelude {
    public static final String NAME = "sieve";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(4190), new SievePrelude());

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new SieveCodec();
    }
}
