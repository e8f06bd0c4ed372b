package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.PreludeFacts;
import java.util.Map;
import java.util.Optional;

/**
 * TDS 8.0 strict encryption (SQL Server 2022, {@code Encrypt=Strict}): nothing is said before TLS, the client's
 * ClientHello is the first byte on port 1433 (a SQL Server that serves it tells it from a PRELOGIN packet by that
 * first byte, 0x16 against 0x12) and carries the ALPN protocol {@link #ALPN}; PRELOGIN then travels inside TLS. On
 * an endpoint that speaks the PRELOGIN prelude, a step that says this one goes straight to TLS.
 */
public record TdsStrictPrelude() implements Prelude {
    /** The ALPN protocol a TDS 8.0 client offers. */
    public static final String ALPN = "tds/8.0";

    /** What such a connection learned before TLS: nothing but that it went straight to it. */
    public record Facts() implements PreludeFacts {
        @Override
        public String protocol() {
            return TdsPrelude.PROTOCOL;
        }

        /** {@code tds8-strict}: true. */
        @Override
        public Map<String, Object> fields() {
            return Map.of("tds8-strict", true);
        }
    }

    @Override
    public String protocol() {
        return TdsPrelude.PROTOCOL;
    }

    @Override
    public PreludeCodec open() {
        return new PreludeCodec() {
            @Override
            public PreludeStep start() {
                return new PreludeStep.TlsMayStart(0, new Facts());
            }

            /** Never called: TLS starts at once. */
            @Override
            public PreludeStep read(byte[] in, int offset, int length) {
                return new PreludeStep.TlsMayStart(0, new Facts());
            }

            @Override
            public Optional<PreludeFacts> factsSoFar() {
                return Optional.of(new Facts());
            }
        };
    }
}
