package io.tlsweep.bench;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.SignatureScheme;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the wire codec on the scanner's hot path: building one enumeration hello, and decoding the
 * answers a scan sees most (a TLS 1.2 first flight with two certificates, a TLS 1.3 ServerHello, an alert).
 * Run: {@code java -jar benchmarks/target/benchmarks.jar CodecBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    private ClientHelloSpec tls12Enumeration;
    private ClientHelloSpec tls13;
    private byte[] tls12Flight;
    private byte[] tls13Hello;
    private byte[] alert;

    @Setup
    public void setUp() {
        List<NamedGroup> groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
                NamedGroup.SECP521R1, NamedGroup.X448, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072);
        List<SignatureScheme> sigalgs = IntStream.of(0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401,
                0x0501, 0x0601, 0x0203, 0x0201).mapToObj(SignatureScheme::of).toList();
        tls12Enumeration = ClientHelloSpec.builder()
                .clientVersion(ProtocolVersion.TLSv1_2)
                .cipherSuites(IntStream.range(0, 128).mapToObj(i -> CipherSuite.of(0xC000 + i)).toList())
                .serverName("www.example.com")
                .supportedGroups(groups)
                .ecPointFormats((byte) 0)
                .signatureAlgorithms(sigalgs)
                .renegotiationInfo(true)
                .build();
        tls13 = ClientHelloSpec.builder()
                .cipherSuites(IntStream.rangeClosed(0x1301, 0x1305).mapToObj(CipherSuite::of).toList())
                .randomSessionId()
                .serverName("www.example.com")
                .supportedGroups(groups)
                .signatureAlgorithms(sigalgs)
                .supportedVersions(List.of(ProtocolVersion.TLSv1_3))
                .keyShares(List.of(KeyShares.entry(NamedGroup.X25519).orElseThrow()))
                .pskKeyExchangeModes((byte) 1)
                .build();
        tls12Flight = CapturedBytes.load("tls12-ecdhe-rsa.server.hex");
        tls13Hello = CapturedBytes.load("tls13-aes128.server.hex");
        alert = CapturedBytes.load("alert-handshake-failure.server.hex");
    }

    @Benchmark
    public byte[] encodeTls12EnumerationHello128Suites() {
        return ClientHelloEncoder.encode(tls12Enumeration);
    }

    @Benchmark
    public byte[] encodeTls13HelloWithKeyShare() {
        return ClientHelloEncoder.encode(tls13);
    }

    @Benchmark
    public ServerResponseDecoder.Decoding decodeTls12FirstFlightTwoCertificates() {
        return ServerResponseDecoder.decode(tls12Flight);
    }

    @Benchmark
    public ServerResponseDecoder.Decoding decodeTls13ServerHello() {
        return ServerResponseDecoder.decode(tls13Hello);
    }

    @Benchmark
    public ServerResponse decodeAlert() {
        return ServerResponseDecoder.finish(alert);
    }
}
