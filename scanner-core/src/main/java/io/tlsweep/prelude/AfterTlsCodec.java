package io.tlsweep.prelude;

import io.tlsweep.result.AuthAfterTls;
import java.util.Optional;

/**
 * What a client asks once TLS is up on a connection that started with a prelude, as a pure codec over the
 * application data (decrypted): the capabilities said again over TLS (SMTP's EHLO, IMAP's CAPABILITY, POP3's CAPA,
 * NNTP's CAPABILITIES; ManageSieve sends its own), read for how the service lets clients log in, then a polite
 * goodbye. No credential is ever sent. Like {@link PreludeCodec}: {@link #start()} once, when the handshake is
 * done; then {@link #read} with every byte received and not consumed yet; after a {@link AfterTlsStep.Learned} or
 * a {@link AfterTlsStep.Failed} it is not called again; it never throws on any input.
 */
public interface AfterTlsCodec {

    /** What to do as soon as the handshake is done: write the question, or wait for the server. */
    AfterTlsStep start();

    /** Reads what the server sent over TLS: {@code length} bytes from {@code offset}. */
    AfterTlsStep read(byte[] in, int offset, int length);

    /** What was learned so far, for a connection that ended before the codec decided. */
    Optional<AuthAfterTls> factsSoFar();
}
