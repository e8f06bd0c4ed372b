package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.PreludeFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TDS 8.0 strict encryption (SQL Server 2022, {@code Encrypt=Strict}): nothing is said before TLS, the client's
 * ClientHello is the first byte on port 1433 (a SQL Server that serves it tells it from a PRELOGIN packet by that
 * first byte, 0x16 against 0x12) and offers the ALPN protocol {@link #ALPN} ({@link #alpn()}); PRELOGIN then travels
 * inside TLS. Said as a question on an endpoint that speaks the PRELOGIN prelude ({@link #ON_PRELOGIN_ENDPOINT}), or
 * on every connection of an endpoint scanned in strict mode ({@link #SCAN}, the protocol {@value #PROTOCOL}).
 *
 * @param protocol the protocol the connection counts under (its per-address limits, its facts): {@value
 *     TdsPrelude#PROTOCOL} for the question, {@value #PROTOCOL} for the scan
 */
public record TdsStrictPrelude(String protocol) implements Prelude {
    /** The ALPN protocol a TDS 8.0 client offers. */
    public static final String ALPN = "tds/8.0";
    /** The name of the strict scan mode ({@code starttls=mssql-strict}). */
    public static final String PROTOCOL = "mssql-strict";
    /** Strict encryption asked once on an endpoint that speaks PRELOGIN, counted as that endpoint's protocol. */
    public static final TdsStrictPrelude ON_PRELOGIN_ENDPOINT = new TdsStrictPrelude(TdsPrelude.PROTOCOL);
    /** Every connection of an endpoint scanned in strict mode. */
    public static final TdsStrictPrelude SCAN = new TdsStrictPrelude(PROTOCOL);

    /** What such a connection learned before TLS: nothing but that it went straight to it. */
    public record Facts(String protocol) implements PreludeFacts {
        public Facts {
            Objects.requireNonNull(protocol, "protocol");
        }

        /** {@code tds8-strict}: true. */
        @Override
        public Map<String, Object> fields() {
            return Map.of("tds8-strict", true);
        }
    }

    public TdsStrictPrelude {
        Objects.requireNonNull(protocol, "protocol");
    }

    /** {@value #ALPN}. */
    @Override
    public List<String> alpn() {
        return List.of(ALPN);
    }

    @Override
    public PreludeCodec open() {
        Facts facts = new Facts(protocol);
        return new PreludeCodec() {
            @Override
            public PreludeStep start() {
                return new PreludeStep.TlsMayStart(0, facts);
            }

            /** Never called: TLS starts at once. */
            @Override
            public PreludeStep read(byte[] in, int offset, int length) {
                return new PreludeStep.TlsMayStart(0, facts);
            }

            @Override
            public Optional<PreludeFacts> factsSoFar() {
                return Optional.of(facts);
            }
        };
    }
}
