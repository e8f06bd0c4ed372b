package io.tlsweep.targets;

/**
 * A declarative description of one farm target: a well-behaved TLS server ({@link TlsTargetSpec}),
 * a scripted legacy server for suites no real stack here serves ({@link ScriptedTargetSpec}), a
 * hostile one ({@link HostileTargetSpec}), a flaky front that drops some connections to a
 * well-behaved one ({@link FlakyTargetSpec}), or a server that talks before TLS ({@link PreludeTargetSpec}, and
 * the scripted SQL Server front {@link TdsTargetSpec}).
 * Specs are immutable values; a farm derives each target's expected facts from its spec.
 */
public sealed interface TargetSpec permits TlsTargetSpec, ScriptedTargetSpec, HostileTargetSpec,
        FlakyTargetSpec, PreludeTargetSpec, TdsTargetSpec {

    /** Unique name within a farm, e.g. {@code legacy-tls10}. */
    String name();

    /** The loopback address to bind, {@code 127.0.0.1} unless set otherwise (always 127.0.0.0/8). */
    String bindAddress();

    /** Start building a well-behaved TLS target. */
    static TlsTargetSpec.Builder tls(String name) {
        return new TlsTargetSpec.Builder(name);
    }

    /** A hostile target with the default 60 s connection lifetime. */
    static HostileTargetSpec hostile(String name, Behaviour behaviour) {
        return new HostileTargetSpec(name, HostileTargetSpec.DEFAULT_BIND, behaviour,
                HostileTargetSpec.DEFAULT_LIFETIME);
    }
}
