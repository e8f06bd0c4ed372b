package io.tlsweep.check;

import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Timings;
import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.targets.ScriptedQuirks;
import io.tlsweep.targets.Suite;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.targets.OrderPolicy;
import io.tlsweep.targets.hostile.ClientHelloReader;
import io.tlsweep.targets.scripted.LegacyServerScript;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Server bytes for the legacy checks' decision tests: captures from real servers ({@code legacy/*.server.hex},
 * made by {@code legacy/capture.py}), and what the scripted legacy server of {@code targets} writes for a hello of
 * ours (its script, the same code the farm's server runs), fed to the decoder whole or in pieces.
 */
final class LegacyBytes {
    /** A DER leaf for the scripted SSLv2 server (its bytes are only carried, never parsed). */
    static final byte[] LEAF = Hex.parse("3003020107");
    static final int AES128_SHA = 0x002F;

    private LegacyBytes() {
    }

    /** A capture in {@code src/test/resources/io/tlsweep/check/legacy}. */
    static byte[] capture(String name) {
        try (InputStream in = LegacyBytes.class.getResourceAsStream("legacy/" + name + ".server.hex")) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Hex.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scripted TLS 1.0–1.2 server (TLS_RSA_WITH_AES_128_CBC_SHA) with these quirks. */
    static LegacyServerScript script(LegacyQuirk... quirks) {
        List<VersionFacts> accepted = List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1, TlsVersion.TLS1_2).stream()
                .map(v -> new VersionFacts(v, List.of(new Suite(AES128_SHA, "TLS_RSA_WITH_AES_128_CBC_SHA")),
                        OrderPolicy.SERVER)).toList();
        return new LegacyServerScript(accepted, ScriptedQuirks.NONE.withLegacy(quirks), List.of(LEAF));
    }

    /** What the scripted server answers to {@code hello}, as bytes on the wire. */
    static byte[] answer(LegacyServerScript script, ClientHelloSpec hello) {
        byte[] sent = ClientHelloEncoder.encode(hello);
        return ClientHelloReader.read(sent).map(h -> script.answer(h).bytes())
                .orElseGet(() -> script.answerOther(sent).orElseThrow().bytes());
    }

    /** The bytes fed to the decoder in pieces of {@code step}, as a socket would deliver them; finished at the end. */
    static ServerResponse feed(byte[] bytes, int step) {
        for (int n = Math.min(step, bytes.length); ; n = Math.min(n + step, bytes.length)) {
            if (ServerResponseDecoder.decode(bytes, 0, n) instanceof ServerResponseDecoder.Decoding.Done d) {
                return d.response();
            }
            if (n == bytes.length) {
                return ServerResponseDecoder.finish(bytes, 0, n);
            }
        }
    }

    static ConnectionOutcome replied(ServerResponse r) {
        return new ConnectionOutcome.Replied(r, Timings.NONE);
    }
}
