package io.tlsweep.evidence.capture;

import io.tlsweep.evidence.EvidenceInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** What the pcap reader read from one input: its observations and problems, in order. */
final class Collected extends io.tlsweep.evidence.Collected {

    /** Reads {@code bytes} as the input {@code name}. */
    static Collected read(String name, byte[] bytes) {
        Collected c = new Collected();
        try (EvidenceInput in = EvidenceInput.of(name, new ByteArrayInputStream(bytes))) {
            new PcapReader().read(in, c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c;
    }

    /** Reads a vector of src/test/resources/vectors/pcap. */
    static Collected vector(String file) {
        try (InputStream in = Collected.class.getResourceAsStream("/vectors/pcap/" + file)) {
            if (in == null) {
                throw new AssertionError("no vector " + file);
            }
            return read(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
