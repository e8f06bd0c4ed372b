package io.tlsweep.targets;

/**
 * The target only completes handshakes whose ClientHello names {@code serverName}; any other hello
 * (no SNI, another name) gets a fatal alert with {@code rejectionAlert} (112 = unrecognized_name)
 * in a TLS 1.2 record, and the connection is closed. The farm does this itself in front of every
 * stack, so the rejection is the same whichever stack serves the target.
 */
public record SniRequirement(String serverName, int rejectionAlert) {

    public static final int UNRECOGNIZED_NAME = 112;
}
