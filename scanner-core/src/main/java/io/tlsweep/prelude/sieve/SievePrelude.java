package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;
import java.util.Optional;

/** ManageSieve's STARTTLS (RFC 5804 section 2.2), port 4190. See {@link SieveCodec}. */
public record SievePrelude(boolean askAuth) implements Prelude {
    public static final String NAME = "sieve";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(4190), new SievePrelude(false),
            new SievePrelude(true));

    /** The prelude that asks nothing after TLS. */
    public SievePrelude() {
        this(false);
    }

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new SieveCodec();
    }

    /** With {@code askAuth}: the capabilities again over TLS ({@link SieveAfterTls}). */
    @Override
    public Optional<AfterTlsCodec> afterTls() {
        return askAuth ? Optional.of(new SieveAfterTls()) : Optional.empty();
    }
}
