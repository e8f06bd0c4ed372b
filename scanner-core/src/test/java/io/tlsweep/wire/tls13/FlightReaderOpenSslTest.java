package io.tlsweep.wire.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader against live flights of {@code openssl s_server -tls1_3} (ECDSA P-256 key), for each AEAD and each
 * of the x25519 and secp256r1 key shares: a hello built here with {@link KeyShares}' shares, the server's bytes
 * read until the reader says the flight is whole (5 s at most), then read again whole, cut and mutated.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlightReaderOpenSslTest {
    private OpenSslServer server;

    @BeforeAll
    void start() throws Exception {
        OpenSslServer.require();
        server = OpenSslServer.start(OpenSslServer.Key.ECDSA_P256, "-tls1_3", "-groups", "X25519:P-256");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] hello(int suite, NamedGroup group) {
        return ClientHelloEncoder.encode(ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.TLSv1_0)
                .clientVersion(ProtocolVersion.TLSv1_2)
                .randomSessionId()
                .cipherSuites(List.of(CipherSuite.of(suite)))
                .supportedGroups(List.of(group))
                .signatureAlgorithms(IntStream.of(0x0403, 0x0804, 0x0807).mapToObj(SignatureScheme::of).toList())
                .supportedVersions(List.of(ProtocolVersion.TLSv1_3))
                .keyShares(List.of(KeyShares.entry(group).orElseThrow()))
                .build());
    }

    /** Sends {@code hello}, reads until the flight is read (or 5 s): the bytes received. */
    private byte[] exchange(byte[] hello) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + 5000;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000);
            s.getOutputStream().write(hello);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (System.currentTimeMillis() < end) {
                s.setSoTimeout((int) Math.max(1, Math.min(250, end - System.currentTimeMillis())));
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException quiet) {
                    continue;
                }
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                byte[] all = got.toByteArray();
                if (FlightReader.open(hello, all, 0, all.length, KeyShares::privateKey)
                        instanceof FlightReader.Opening.Opened o
                        && FlightReader.read(o.keys(), all, 0, all.length, false) instanceof FlightReader.Reading.Read) {
                    break;
                }
            }
        }
        return got.toByteArray();
    }

    private static FlightReader.Reading.Read read(byte[] hello, byte[] server) {
        FlightReader.Opening o = FlightReader.open(hello, server, 0, server.length, KeyShares::privateKey);
        assertThat(o).isInstanceOf(FlightReader.Opening.Opened.class);
        return (FlightReader.Reading.Read) FlightReader.read(((FlightReader.Opening.Opened) o).keys(), server, 0,
                server.length, true);
    }

    @ParameterizedTest
    @CsvSource({"0x1301, x25519", "0x1302, x25519", "0x1303, x25519",
        "0x1301, secp256r1", "0x1302, secp256r1", "0x1303, secp256r1"})
    void aLiveFlightIsReadWholeAndItsMutationsAreValues(String suite, String groupName) throws Exception {
        NamedGroup group = NamedGroup.byName(groupName).orElseThrow();
        byte[] hello = hello(Integer.decode(suite), group);
        byte[] server = exchange(hello);

        FlightReader.Reading.Read whole = read(hello, server);
        assertThat(whole.flight().whole()).as(whole.flight().toString()).isTrue();
        assertThat(whole.flight().signatureScheme()).contains(SignatureScheme.ECDSA_SECP256R1_SHA256);
        assertThat(whole.flight().signature()).isEqualTo(EncryptedFlight.SignatureCheck.VERIFIED);
        assertThat(whole.certificates()).hasSize(1);
        assertThat(((FlightReader.Opening.Opened) FlightReader.open(hello, server, 0, server.length,
                KeyShares::privateKey)).keys().toString()).contains(Aead.ofSuite(Integer.decode(suite))
                .orElseThrow().name());

        byte[] cut = java.util.Arrays.copyOf(server, whole.consumed() - 1);
        assertThat(read(hello, cut).flight().problem()).map(EncryptedFlight.Problem::kind)
                .contains(EncryptedFlight.Kind.TRUNCATED);

        byte[] flipped = server.clone();
        flipped[whole.consumed() - 3] ^= 0x40; // inside the last record's tag
        EncryptedFlight bad = read(hello, flipped).flight();
        assertThat(bad.problem()).map(EncryptedFlight.Problem::kind).contains(EncryptedFlight.Kind.BAD_RECORD_MAC);
        assertThat(bad.whole()).isFalse();
    }
}
