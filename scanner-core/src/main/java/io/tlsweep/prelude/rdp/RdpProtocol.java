package io.tlsweep.prelude.rdp;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.util.List;

/** RDP on 3389: the X.224 negotiation asking for SSL, HYBRID and HYBRID_EX ({@link RdpPrelude#DEFAULT}). */
public final class RdpProtocol implements PreludeProtocol {

    @Override
    public String name() {
        return RdpPrelude.PROTOCOL;
    }

    @Override
    public List<Integer> defaultPorts() {
        return List.of(3389);
    }

    /** The default prelude: RDP says no name before TLS, so the context changes nothing. */
    @Override
    public Prelude prelude(PreludeContext context) {
        return RdpPrelude.DEFAULT;
    }
}
