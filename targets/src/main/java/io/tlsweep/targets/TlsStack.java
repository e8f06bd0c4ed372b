package io.tlsweep.targets;

/** The TLS implementation a well-behaved target runs on. */
public enum TlsStack {
    /** BoringSSL through netty-tcnative ({@code SslProvider.OPENSSL}). */
    BORINGSSL,
    /** The JDK's own SunJSSE ({@code SslProvider.JDK}). */
    JDK,
    /** Bouncy Castle JSSE ({@code BouncyCastleJsseProvider}) plugged into Netty's JDK path. */
    BOUNCY_CASTLE,
    /**
     * No TLS stack: the scripted legacy server ({@link ScriptedTargetSpec}) that writes a first flight by
     * hand, for the suites the three real stacks here refuse (3DES, RC4). Only scripted specs use it.
     */
    SCRIPTED
}
