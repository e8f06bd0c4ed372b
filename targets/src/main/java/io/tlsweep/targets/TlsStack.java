package io.tlsweep.targets;

/** The TLS implementation a well-behaved target runs on. */
public enum TlsStack {
    /** BoringSSL through netty-tcnative ({@code SslProvider.OPENSSL}). */
    BORINGSSL,
    /** The JDK's own SunJSSE ({@code SslProvider.JDK}). */
    JDK,
    /** Bouncy Castle JSSE ({@code BouncyCastleJsseProvider}) plugged into Netty's JDK path. */
    BOUNCY_CASTLE
}
