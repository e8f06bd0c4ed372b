package io.tlsweep.probe;

import io.tlsweep.wire.ClientHelloSpec;
import java.util.Optional;

/** One sequential part of a version's probing: it asks for a hello, then folds what came of it. */
interface Stage {
    /** The next hello, or empty when this stage has finished. Called only when nothing is outstanding. */
    Optional<ClientHelloSpec> next();

    void fold(ClientHelloSpec sent, Reading reading);
}
