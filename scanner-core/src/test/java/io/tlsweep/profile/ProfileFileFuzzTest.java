package io.tlsweep.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.testing.Fuzzing;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of a client profile file ({@code --profiles FILE}, {@code profileFile:} in
 * sweep.yaml). Properties: {@link ProfileFile#parse} never throws; every problem names the file; and every
 * profile that loads can be sent: its hello builds, encodes and decodes (a profile that loads and then fails
 * at scan time would stop a sweep).
 */
@Tag("fuzz")
public class ProfileFileFuzzTest {

    @DictionaryEntries({"null", "true", "false", "{}", "[]", "\"value\":", "\"sources\":", "\"confidence\":",
        "\"H\"", "\"TLSv1.3\"", "\"SSLv3\"", "\"0x1301\"", "\"alpn\":", "\"sslv2\"", "\"\\u00fc\""})
    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void whatLoadsCanBeSentAndTheRestIsNamed(byte[] data) {
        ProfileFile.Load load = ProfileFile.parse(new String(data, StandardCharsets.UTF_8), "mine.json");
        load.errors().forEach(e -> assertThat(e).startsWith("mine.json: "));
        for (ClientProfile p : load.catalog().profiles()) {
            for (Optional<String> sni : List.of(Optional.of("test.example"), Optional.<String>empty())) {
                ClientHelloSpec spec = ProfileHello.of(p, sni);
                byte[] hello = ClientHelloEncoder.encode(spec);
                assertThat(ClientHelloDecoder.decode(hello)).as("the hello of profile %s", p.id())
                        .isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
            }
            assertThat(ProfileHello.deviations(p)).isNotNull();
        }
    }

    /** The built-in file, and a file with only its first profile. */
    public static Stream<byte[]> seeds() throws IOException {
        byte[] builtIn;
        try (InputStream in = ProfileFile.class.getResourceAsStream("/io/tlsweep/profiles/client-profiles.json")) {
            builtIn = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode one = (ObjectNode) json.readTree(builtIn);
        ArrayNode profiles = (ArrayNode) one.get("profiles");
        one.set("profiles", json.createArrayNode().add(profiles.get(0)));
        return Stream.of(builtIn, json.writeValueAsBytes(one));
    }
}
