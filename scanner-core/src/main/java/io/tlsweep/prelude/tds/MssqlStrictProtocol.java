package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/**
 * SQL Server in TDS 8.0 strict mode ({@code starttls=mssql-strict}): every connection starts TLS at once and offers
 * ALPN {@code tds/8.0} ({@link TdsStrictPrelude#SCAN}), as a client with {@code Encrypt=Strict} does; the only way
 * into a SQL Server 2022 with Force Strict Encryption. No port of its own: {@code auto} keeps {@code mssql} on 1433,
 * where a server serves PRELOGIN or both.
 */
public final class MssqlStrictProtocol implements PreludeProtocol {

    @Override
    public String name() {
        return TdsStrictPrelude.PROTOCOL;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of();
    }

    /** Strict mode says nothing before TLS, so the context changes nothing. */
    @Override
    public Prelude prelude(PreludeContext context) {
        return TdsStrictPrelude.SCAN;
    }
}
