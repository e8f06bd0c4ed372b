package io.tlsweep.prelude.mysql;

import io.tlsweep.prelude.ShortText;
import java.util.Optional;

/**
 * The server's Initial Handshake packet (protocol 10) read from its payload, and the client's SSL request
 * answering it. Pure and never throwing: what cannot be read is a {@link Reading.Malformed}.
 */
final class InitialHandshake {
    static final long CLIENT_LONG_PASSWORD = 0x0001;
    static final long CLIENT_PROTOCOL_41 = 0x0200;
    static final long CLIENT_SECURE_CONNECTION = 0x8000;
    static final long CLIENT_PLUGIN_AUTH = 0x0008_0000;
    /** The largest packet the client says it accepts (as the mysql client does: 16 MiB). */
    static final int MAX_PACKET = 16 * 1024 * 1024;
    /** utf8_general_ci, for a greeting that names no character set. */
    static final int DEFAULT_CHARSET = 33;

    private InitialHandshake() {
    }

    sealed interface Reading {
        record Read(MysqlFacts.Greeting greeting, int charset) implements Reading {
        }

        record Malformed(String reason) implements Reading {
        }
    }

    /**
     * Reads a protocol-10 greeting from {@code in[start, end)} (the payload, after its version byte checked by
     * the caller): version string, connection id (4), auth-plugin-data part 1 (8), filler (1), capabilities
     * (lower 2); then, when the packet goes on, character set (1), status (2), capabilities (upper 2), auth data
     * length (1), reserved (10), auth-plugin-data part 2 (when CLIENT_SECURE_CONNECTION) and the plugin's name
     * (when CLIENT_PLUGIN_AUTH; ended by NUL, or by the packet as some servers send it).
     */
    static Reading read(byte[] in, int start, int end) {
        int nul = nul(in, start + 1, end);
        if (nul < 0) {
            return new Reading.Malformed("the server version has no end");
        }
        String version = ShortText.of(in, start + 1, nul - start - 1);
        int at = nul + 1 + 4 + 8 + 1;
        if (at + 2 > end) {
            return new Reading.Malformed("the greeting ends before its capability flags");
        }
        long capabilities = u16(in, at);
        at += 2;
        int charset = DEFAULT_CHARSET;
        Optional<String> plugin = Optional.empty();
        if (at < end) {
            if (at + 16 > end) {
                return new Reading.Malformed("the greeting ends inside its upper capability flags");
            }
            charset = in[at] & 0xFF;
            capabilities |= u16(in, at + 3) << 16;
            int authLength = in[at + 5] & 0xFF;
            at += 16;
            if ((capabilities & CLIENT_SECURE_CONNECTION) != 0) {
                at += Math.max(13, authLength - 8);
                if (at > end) {
                    return new Reading.Malformed("the greeting ends inside its auth-plugin-data");
                }
            }
            if ((capabilities & CLIENT_PLUGIN_AUTH) != 0 && at < end) {
                int ends = nul(in, at, end);
                plugin = Optional.of(ShortText.of(in, at, (ends < 0 ? end : ends) - at));
            }
        }
        return new Reading.Read(new MysqlFacts.Greeting(in[start] & 0xFF, version, capabilities, plugin), charset);
    }

    /**
     * The SSL request packet (sequence id 1) for this greeting: with CLIENT_PROTOCOL_41, capabilities (4),
     * max packet (4), character set (1) and 23 zero bytes; without it (servers before 4.1), capabilities (2) and
     * max packet (3). The capabilities are CLIENT_SSL, CLIENT_PROTOCOL_41, and whichever of
     * CLIENT_LONG_PASSWORD, CLIENT_SECURE_CONNECTION and CLIENT_PLUGIN_AUTH the server has.
     */
    static byte[] sslRequest(MysqlFacts.Greeting greeting, int charset) {
        long server = greeting.capabilities();
        boolean protocol41 = (server & CLIENT_PROTOCOL_41) != 0;
        long flags = MysqlFacts.CLIENT_SSL | server & (CLIENT_PROTOCOL_41 | CLIENT_LONG_PASSWORD
                | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH);
        int length = protocol41 ? 32 : 5;
        byte[] packet = new byte[4 + length];
        packet[0] = (byte) length;
        packet[3] = 1;
        if (protocol41) {
            le(packet, 4, flags, 4);
            le(packet, 8, MAX_PACKET, 4);
            packet[12] = (byte) charset;
        } else {
            le(packet, 4, flags, 2);
            le(packet, 6, 0xFF_FFFF, 3);
        }
        return packet;
    }

    static int nul(byte[] in, int from, int end) {
        for (int i = from; i < end; i++) {
            if (in[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static long u16(byte[] in, int at) {
        return (in[at] & 0xFF) | (in[at + 1] & 0xFF) << 8;
    }

    private static void le(byte[] out, int at, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out[at + i] = (byte) (value >> 8 * i);
        }
    }
}
