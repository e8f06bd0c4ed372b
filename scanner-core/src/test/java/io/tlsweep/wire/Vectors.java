package io.tlsweep.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Loads the captured byte vectors in {@code src/test/resources/vectors} (see the README there). */
public final class Vectors {
    private Vectors() {
    }

    public static byte[] load(String file) {
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

    /** The vector files whose names end with {@code suffix} (".server.hex", ".client.hex"), sorted. */
    public static List<String> names(String suffix) {
        try (Stream<Path> files = Files.list(Path.of(Vectors.class.getResource("/vectors").toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
