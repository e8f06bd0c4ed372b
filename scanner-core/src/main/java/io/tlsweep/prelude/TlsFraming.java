package io.tlsweep.prelude;

import java.util.Arrays;

/**
 * How TLS records travel once a prelude let TLS start: bare ({@link #NONE}), or wrapped in the protocol's
 * own packets (SQL Server's TDS carries the handshake in PRELOGIN packets). Pure, and holding one
 * connection's state (a packet header split across reads): a {@link PreludeStep.TlsMayStart} gives a fresh
 * one. The framing covers the TLS handshake; records after it travel bare, as TDS has them.
 */
public interface TlsFraming {

    /** No framing: TLS records go on the wire as they are. */
    TlsFraming NONE = new TlsFraming() {
        @Override
        public byte[] wrap(byte[] tls) {
            return tls.clone();
        }

        @Override
        public Unwrapped unwrap(byte[] wire, int offset, int length) {
            return new Unwrapped.Bytes(Arrays.copyOfRange(wire, offset, offset + length));
        }

        @Override
        public String toString() {
            return "none";
        }
    };

    /** The bytes to write for TLS bytes the client sends (one or more whole records). */
    byte[] wrap(byte[] tls);

    /**
     * Takes bytes the server sent (each byte exactly once, in order) and returns the TLS bytes they complete;
     * a packet cut short is kept until the rest arrives. Never throws: bytes that break the framing are an
     * {@link Unwrapped.Broken}, after which the framing is not called again.
     */
    Unwrapped unwrap(byte[] wire, int offset, int length);

    /** What {@link #unwrap} found. */
    sealed interface Unwrapped {
        /** The TLS bytes now complete (possibly none). */
        record Bytes(byte[] tls) implements Unwrapped {
            public Bytes {
                tls = tls.clone();
            }

            @Override
            public byte[] tls() {
                return tls.clone();
            }
        }

        /** The server's bytes break the framing. */
        record Broken(String reason) implements Unwrapped {
        }
    }
}
