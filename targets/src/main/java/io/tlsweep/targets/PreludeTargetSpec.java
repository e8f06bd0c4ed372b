package io.tlsweep.targets;

import java.util.Objects;

/**
 * A target that holds a short plain-text conversation before TLS, in a line protocol made for tests and shaped
 * like SMTP's STARTTLS: it writes the line {@code 220 <banner>}, waits for one line, and answers
 * <ul>
 * <li>{@code STARTTLS}: {@code 220 ready}, then serves TLS on the same connection as {@link #tls()} does; or,
 *     when it {@link #refusesTls()}, {@code 454 TLS not available} and closes;</li>
 * <li>anything else: {@code 500 unknown command} and closes.</li>
 * </ul>
 * Lines end with CRLF; a client line longer than {@value #MAX_LINE} bytes is answered {@code 500} too.
 *
 * <p>The TLS is a real stack's when {@code tls} is a {@link TlsTargetSpec} (its SslHandler joins the connection
 * after {@code 220 ready}). When it is a {@link ScriptedTargetSpec}, the scripted legacy server answers the
 * ClientHello with its first flight and then answers one more record: a heartbeat request (RFC 6520) with its
 * heartbeat response (same payload, 16 bytes of padding), anything else with a fatal unexpected_message alert.
 * With {@link #framed()} (scripted only), its TLS bytes travel in packets shaped like SQL Server's TDS packets
 * in both directions: an 8-byte header (type 0x12, status 0x01, the packet length including the header as a
 * big-endian u16, SPID 0, packet id, window 0), then the bytes.
 *
 * <p>What a scanner should find is what {@code tls} serves.
 *
 * @param banner the text after {@code 220 } in the first line
 * @param refusesTls answer {@code STARTTLS} with {@code 454} and close
 * @param framed carry the scripted TLS bytes in TDS-shaped packets
 * @param tls the TLS served after the prelude, on the same address
 */
public record PreludeTargetSpec(String name, String bindAddress, String banner, boolean refusesTls, boolean framed,
        TargetSpec tls) implements TargetSpec {

    /** The longest client line the server reads, CRLF included. */
    public static final int MAX_LINE = 512;
    /** The TDS packet type this framing uses (PRELOGIN, as TDS carries the TLS handshake). */
    public static final int PACKET_TYPE = 0x12;
    /** The framing's header length. */
    public static final int PACKET_HEADER = 8;

    public PreludeTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        LoopbackAddresses.requireLoopback(bindAddress);
        if (banner == null || banner.isEmpty() || banner.contains("\r") || banner.contains("\n")) {
            throw new IllegalArgumentException(name + ": the banner is one non-empty line: " + banner);
        }
        if (!(tls instanceof TlsTargetSpec || tls instanceof ScriptedTargetSpec)) {
            throw new IllegalArgumentException(name + ": TLS after the prelude is a TLS or a scripted spec, not "
                    + tls.getClass().getSimpleName());
        }
        if (!tls.bindAddress().equals(bindAddress)) {
            throw new IllegalArgumentException(name + ": the TLS spec binds " + tls.bindAddress() + ", the prelude "
                    + bindAddress + ": one address for both");
        }
        if (framed && !(tls instanceof ScriptedTargetSpec)) {
            throw new IllegalArgumentException(name + ": only the scripted server frames its TLS bytes");
        }
    }

    /** A prelude in front of {@code tls}, on its address, that lets TLS start. */
    public static PreludeTargetSpec of(String name, String banner, TargetSpec tls) {
        return new PreludeTargetSpec(name, tls.bindAddress(), banner, false, false, tls);
    }

    public PreludeTargetSpec refusingTls() {
        return new PreludeTargetSpec(name, bindAddress, banner, true, framed, tls);
    }

    public PreludeTargetSpec withFraming() {
        return new PreludeTargetSpec(name, bindAddress, banner, refusesTls, true, tls);
    }
}
