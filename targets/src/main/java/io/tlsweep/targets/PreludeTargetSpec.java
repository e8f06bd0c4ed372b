package io.tlsweep.targets;

import java.util.Objects;

/**
 * A target that holds a short plain-text conversation before TLS, in one of two dialects.
 *
 * <p>{@link Dialect#LINE}, a line protocol made for tests and shaped like SMTP's STARTTLS: it writes the line
 * {@code 220 <banner>}, waits for one line, and answers
 * <ul>
 * <li>{@code STARTTLS}: {@code 220 ready}, then serves TLS on the same connection as {@link #tls()} does; or,
 *     when it {@link #refusesTls()}, {@code 454 TLS not available} and closes;</li>
 * <li>anything else: {@code 500 unknown command} and closes.</li>
 * </ul>
 *
 * <p>{@link Dialect#SMTP}, enough of SMTP (RFC 5321, RFC 3207) for a client's STARTTLS: a greeting of two lines
 * ({@code 220-<banner>}, {@code 220 mail.farm.test ESMTP}); then, a line at a time, {@code EHLO}/{@code LHLO NAME}
 * answered {@code 250-mail.farm.test greets NAME}, {@code 250-PIPELINING}, {@code 250-AUTH PLAIN LOGIN},
 * {@code 250-STARTTLS}, {@code 250 8BITMIME}; {@code STARTTLS} answered {@code 220 2.0.0 Ready to start TLS} and
 * TLS as above (or, when it refuses TLS, {@code 454 4.7.0 TLS not available due to local problem}, and the
 * connection stays in SMTP); {@code QUIT} answered {@code 221 2.0.0 Bye} and closed; anything else
 * {@code 502 5.5.2 Error: command not recognized}. Over TLS it goes on in SMTP: {@code EHLO} answered as above
 * without STARTTLS, {@code STARTTLS} answered {@code 554}, {@code QUIT} as above (a real stack's TLS only: the
 * scripted server answers its records itself). {@link Dialect#SMTP_MUTE} greets the same way and then never
 * answers; {@link Dialect#SMTP_TLS_AUTH_ONLY} offers AUTH only over TLS.
 *
 * <p>{@link Dialect#LDAP}, a scripted LDAP server (RFC 4511): a search answered with a root DSE whose
 * {@code supportedSASLMechanisms} are the banner's words and whose {@code supportedExtension} lists StartTLS; the
 * StartTLS ExtendedRequest answered with success and TLS as above (or, when it refuses TLS, unavailable (52));
 * anything else closes the connection.
 *
 * <p>Lines end with CRLF; a client line longer than {@value #MAX_LINE} bytes is answered {@code 500} and closed.
 *
 * <p>The TLS is a real stack's when {@code tls} is a {@link TlsTargetSpec} (its SslHandler joins the connection
 * after the {@code 220}). When it is a {@link ScriptedTargetSpec}, the scripted legacy server answers the
 * ClientHello with its first flight and then answers one more record: a heartbeat request (RFC 6520) with its
 * heartbeat response (same payload, 16 bytes of padding), anything else with a fatal unexpected_message alert.
 * With {@link #framed()} (scripted only), its TLS bytes travel in packets shaped like SQL Server's TDS packets
 * in both directions: an 8-byte header (type 0x12, status 0x01, the packet length including the header as a
 * big-endian u16, SPID 0, packet id, window 0), then the bytes.
 *
 * <p>What a scanner should find is what {@code tls} serves.
 *
 * @param banner the text after {@code 220 } ({@code 220-} in SMTP) in the first line; in LDAP, the SASL
 *     mechanisms the root DSE lists, separated by spaces
 * @param refusesTls answer {@code STARTTLS} with {@code 454}
 * @param framed carry the scripted TLS bytes in TDS-shaped packets
 * @param tls the TLS served after the prelude, on the same address
 * @param dialect what is said before TLS
 */
public record PreludeTargetSpec(String name, String bindAddress, String banner, boolean refusesTls, boolean framed,
        TargetSpec tls, Dialect dialect) implements TargetSpec {

    /** What the target says before TLS. */
    public enum Dialect {
        /** The test line protocol: one banner line, one command, one answer. */
        LINE,
        /** Enough of SMTP for STARTTLS: a multi-line greeting, EHLO with STARTTLS and AUTH, STARTTLS. */
        SMTP,
        /** The SMTP greeting, then silence whatever the client says. */
        SMTP_MUTE,
        /**
         * SMTP as {@link #SMTP}, but AUTH offered only over TLS (Postfix's {@code smtpd_tls_auth_only}): the EHLO
         * reply before TLS has no AUTH line.
         */
        SMTP_TLS_AUTH_ONLY,
        /**
         * A scripted LDAP server ({@code LdapExchange}): a root DSE search answered with the banner's words as its
         * {@code supportedSASLMechanisms} and StartTLS among its {@code supportedExtension}, then StartTLS answered
         * with success.
         */
        LDAP
    }

    /** The longest client line the server reads, CRLF included. */
    public static final int MAX_LINE = 512;
    /** The TDS packet type this framing uses (PRELOGIN, as TDS carries the TLS handshake). */
    public static final int PACKET_TYPE = 0x12;
    /** The framing's header length. */
    public static final int PACKET_HEADER = 8;

    public PreludeTargetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(dialect, "dialect");
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

    /** A line-protocol prelude in front of {@code tls}, on its address, that lets TLS start. */
    public static PreludeTargetSpec of(String name, String banner, TargetSpec tls) {
        return new PreludeTargetSpec(name, tls.bindAddress(), banner, false, false, tls, Dialect.LINE);
    }

    /** An SMTP server in front of {@code tls}, on its address, that offers STARTTLS and lets TLS start. */
    public static PreludeTargetSpec smtp(String name, String banner, TargetSpec tls) {
        return new PreludeTargetSpec(name, tls.bindAddress(), banner, false, false, tls, Dialect.SMTP);
    }

    /** The same SMTP target, offering AUTH only over TLS. */
    public PreludeTargetSpec authOnlyOverTls() {
        if (dialect != Dialect.SMTP) {
            throw new IllegalArgumentException(name + ": only the SMTP dialect offers AUTH");
        }
        return new PreludeTargetSpec(name, bindAddress, banner, refusesTls, framed, tls, Dialect.SMTP_TLS_AUTH_ONLY);
    }

    /** A scripted LDAP server in front of {@code tls}, whose root DSE lists {@code mechanisms} (space-separated). */
    public static PreludeTargetSpec ldap(String name, String mechanisms, TargetSpec tls) {
        return new PreludeTargetSpec(name, tls.bindAddress(), mechanisms, false, false, tls, Dialect.LDAP);
    }

    public PreludeTargetSpec refusingTls() {
        return new PreludeTargetSpec(name, bindAddress, banner, true, framed, tls, dialect);
    }

    public PreludeTargetSpec withFraming() {
        return new PreludeTargetSpec(name, bindAddress, banner, refusesTls, true, tls, dialect);
    }

    /** The same target, greeting and then never answering (SMTP only). */
    public PreludeTargetSpec mute() {
        if (dialect == Dialect.LINE || dialect == Dialect.LDAP) {
            throw new IllegalArgumentException(name + ": only the SMTP dialect has a mute form");
        }
        return new PreludeTargetSpec(name, bindAddress, banner, refusesTls, framed, tls, Dialect.SMTP_MUTE);
    }
}
