package io.tlsweep.prelude.tds;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/** SQL Server on 1433: PRELOGIN asking for ENCRYPT_ON ({@link TdsPrelude#DEFAULT}), then TLS in TDS packets. */
public final class MssqlProtocol implements PreludeProtocol {

    @Override
    public String name() {
        return TdsPrelude.PROTOCOL;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(1433);
    }

    /** The default prelude: PRELOGIN says no server name, so the context changes nothing. */
    @Override
    public Prelude prelude(PreludeContext context) {
        return TdsPrelude.DEFAULT;
    }
}
