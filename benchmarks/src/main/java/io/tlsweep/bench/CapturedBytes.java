package io.tlsweep.bench;

import io.tlsweep.wire.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Reads a captured vector from scanner-core's test resources (shipped in its test jar). */
public final class CapturedBytes {
    private CapturedBytes() {
    }

    public static byte[] load(String file) {
        try (InputStream in = CapturedBytes.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("vector " + file + " is not on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Hex.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
