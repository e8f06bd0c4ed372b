package io.tlsweep.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Loads the captured byte vectors in {@code src/test/resources/vectors} (see the README there). */
final class Vectors {
    private Vectors() {
    }

    static byte[] load(String file) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Hex.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
