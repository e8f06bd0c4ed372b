package io.tlsweep.check;

import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.Vectors;
import java.util.Arrays;

/**
 * The captured answers of real servers to the records the active checks send after the first flight
 * ({@code src/test/resources/vectors/followup}, made by {@code capture_followups.py} there), and ways to take
 * them apart: the flight alone, the answer alone, spliced, cut short, one byte changed.
 */
final class FlawVectors {
    private FlawVectors() {
    }

    /** The server's bytes of a follow-up scenario: its flight, then its answer. */
    static byte[] load(String scenario) {
        return Vectors.load("followup/" + scenario + ".server.hex");
    }

    /** The first flight of {@code server}: up to and with ServerHelloDone. */
    static byte[] flight(byte[] server) {
        ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(server);
        return Arrays.copyOf(server, ((ServerResponseDecoder.Decoding.Done) d).consumed());
    }

    /** What came after the first flight of {@code server}. */
    static byte[] answer(byte[] server) {
        return Arrays.copyOfRange(server, flight(server).length, server.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** {@code bytes} with the byte at {@code at} (from the end when negative) set to {@code value}. */
    static byte[] mutated(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at < 0 ? copy.length + at : at] = (byte) value;
        return copy;
    }
}
