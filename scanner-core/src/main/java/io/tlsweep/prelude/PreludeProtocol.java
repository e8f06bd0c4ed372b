package io.tlsweep.prelude;

import java.util.List;

/**
 * A protocol spoken before TLS on its ports (SMTP's STARTTLS, RDP's X.224 negotiation, SQL Server's TDS
 * PRELOGIN...): its name in target lines ({@code starttls=NAME}) and reports, the ports where
 * {@code --starttls auto} picks it, and the prelude it says for one target. Registered in
 * {@link PreludeProtocols}.
 */
public interface PreludeProtocol {

    /** The name users write and read ("smtp", "rdp", "mssql"): lower case, unique in the registry. */
    String name();

    /** The ports this protocol is spoken on before TLS, for {@code --starttls auto}. */
    List<Integer> defaultPorts();

    /** The prelude for one target: a value that opens a fresh codec per connection. */
    Prelude prelude(PreludeContext context);
}
