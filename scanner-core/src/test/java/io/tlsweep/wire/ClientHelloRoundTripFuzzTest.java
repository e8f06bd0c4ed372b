package io.tlsweep.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.FuzzBytes;
import io.tlsweep.testing.Fuzzing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;

/**
 * Coverage-guided fuzzing of the ClientHello encoder against its decoder: a spec built from fuzzed values is
 * either refused ({@link IllegalArgumentException} from {@link ClientHelloSpec}'s constructor or from
 * {@link ClientHelloEncoder#encode}, their documented refusal) or encodes to records that decode to exactly
 * that spec: every field, every extension in the order the encoder writes them, and padding out of the
 * 256–511-byte range when asked for.
 */
@Tag("fuzz")
public class ClientHelloRoundTripFuzzTest {
    private static final int MAX_LIST = 300;
    /** server_name, status_request, groups, point formats, signature algorithms, ALPN, padding, EMS, ... */
    private static final java.util.Set<Integer> MODELLED = java.util.Set.of(0, 5, 10, 11, 13, 16, 21, 23, 35, 43, 45,
            51, 0xFF01);

    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void encodedHellosDecodeToTheirSpec(byte[] data) {
        FuzzBytes in = new FuzzBytes(data);
        ClientHelloSpec spec;
        byte[] wire;
        try {
            spec = spec(in);
            wire = ClientHelloEncoder.encode(spec);
        } catch (IllegalArgumentException refused) {
            return;
        }
        ClientHelloDecoder.Result result = ClientHelloDecoder.decode(wire);
        assertThat(result).as("decoding the encoded hello").isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
        ClientHelloDecoder.Result.Decoded decoded = (ClientHelloDecoder.Result.Decoded) result;
        assertThat(decoded.consumed()).isEqualTo(wire.length);
        ClientHello h = decoded.hello();

        assertThat(h.recordVersion()).isEqualTo(spec.recordVersion());
        assertThat(h.clientVersion()).isEqualTo(spec.clientVersion());
        assertThat(h.random()).isEqualTo(spec.random());
        assertThat(h.sessionId()).isEqualTo(spec.sessionId());
        assertThat(h.cipherSuites()).isEqualTo(spec.cipherSuites());
        assertThat(h.compressionMethods()).isEqualTo(spec.compressionMethods());
        assertThat(h.serverName()).isEqualTo(spec.serverName());
        assertThat(h.supportedGroups()).isEqualTo(spec.supportedGroups());
        assertThat(h.signatureAlgorithms()).isEqualTo(spec.signatureAlgorithms());
        assertThat(h.supportedVersions()).isEqualTo(spec.supportedVersions());
        assertThat(h.alpn()).isEqualTo(spec.alpn());
        assertThat(h.keyShares().stream().map(e -> e.group() + ":" + Hex.of(e.keyExchange())).toList())
                .isEqualTo(spec.keyShares().orElse(List.of()).stream()
                        .map(e -> e.group() + ":" + Hex.of(e.keyExchange())).toList());
        assertThat(extensionTypes(h)).isEqualTo(expectedExtensionTypes(spec, h));
        assertThat(body(h, ExtensionType.EC_POINT_FORMATS, 1)).isEqualTo(Optional.of(spec.ecPointFormats())
                .filter(b -> b.length > 0).map(Hex::of));
        assertThat(body(h, ExtensionType.PSK_KEY_EXCHANGE_MODES, 1)).isEqualTo(Optional.of(spec.pskKeyExchangeModes())
                .filter(b -> b.length > 0).map(Hex::of));
        List<String> extra = h.extensions().subList(h.extensions().size() - spec.extraExtensions().size()
                - (padded(h) ? 1 : 0), h.extensions().size() - (padded(h) ? 1 : 0)).stream()
                .map(e -> e.type().code() + ":" + Hex.of(e.data())).toList();
        assertThat(extra).isEqualTo(spec.extraExtensions().stream().map(e -> e.type().code() + ":" + Hex.of(e.data()))
                .toList());

        int handshakeLength = ClientHelloEncoder.encodeHandshake(spec).length;
        if (spec.padding() == ClientHelloSpec.Padding.AVOID_256_TO_511) {
            assertThat(handshakeLength < 256 || handshakeLength >= 512).as("handshake of %d bytes", handshakeLength)
                    .isTrue();
        }
    }

    private static boolean padded(ClientHello h) {
        return !h.extensions().isEmpty()
                && h.extensions().get(h.extensions().size() - 1).type().equals(ExtensionType.PADDING);
    }

    private static List<ExtensionType> extensionTypes(ClientHello h) {
        return h.extensions().stream().map(Extension::type).toList();
    }

    /** The order {@link ClientHelloEncoder} writes extensions in; padding last when it was added. */
    private static List<ExtensionType> expectedExtensionTypes(ClientHelloSpec s, ClientHello decoded) {
        List<ExtensionType> t = new ArrayList<>();
        s.serverName().ifPresent(n -> t.add(ExtensionType.SERVER_NAME));
        add(t, s.extendedMasterSecret(), ExtensionType.EXTENDED_MASTER_SECRET);
        add(t, s.renegotiationInfo(), ExtensionType.RENEGOTIATION_INFO);
        add(t, !s.supportedGroups().isEmpty(), ExtensionType.SUPPORTED_GROUPS);
        add(t, s.ecPointFormats().length > 0, ExtensionType.EC_POINT_FORMATS);
        add(t, s.sessionTicket(), ExtensionType.SESSION_TICKET);
        add(t, !s.alpn().isEmpty(), ExtensionType.ALPN);
        add(t, s.statusRequest(), ExtensionType.STATUS_REQUEST);
        add(t, !s.signatureAlgorithms().isEmpty(), ExtensionType.SIGNATURE_ALGORITHMS);
        add(t, !s.supportedVersions().isEmpty(), ExtensionType.SUPPORTED_VERSIONS);
        add(t, s.keyShares().isPresent(), ExtensionType.KEY_SHARE);
        add(t, s.pskKeyExchangeModes().length > 0, ExtensionType.PSK_KEY_EXCHANGE_MODES);
        s.extraExtensions().forEach(e -> t.add(e.type()));
        add(t, padded(decoded), ExtensionType.PADDING);
        return t;
    }

    private static void add(List<ExtensionType> types, boolean present, ExtensionType type) {
        if (present) {
            types.add(type);
        }
    }

    /** The vector inside a one-vector extension body, in hex. */
    private static Optional<String> body(ClientHello h, ExtensionType type, int lengthWidth) {
        return h.extension(type).map(e -> Hex.of(java.util.Arrays.copyOfRange(e.data(), lengthWidth, e.data().length)));
    }

    private static ClientHelloSpec spec(FuzzBytes in) {
        ClientHelloSpec.Builder b = ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.of(in.u16()))
                .clientVersion(ProtocolVersion.of(in.u16()))
                .random(in.bool() ? in.bytes(40) : in.exactly(32))
                .sessionId(in.bytes(40))
                .cipherSuites(u16s(in, CipherSuite::of))
                .compressionMethods(in.bytes(300))
                .supportedGroups(u16s(in, NamedGroup::of))
                .ecPointFormats(in.bytes(300))
                .signatureAlgorithms(u16s(in, SignatureScheme::of))
                .supportedVersions(u16s(in, ProtocolVersion::of))
                .pskKeyExchangeModes(in.bytes(300))
                .renegotiationInfo(in.bool())
                .extendedMasterSecret(in.bool())
                .sessionTicket(in.bool())
                .statusRequest(in.bool())
                .padding(in.bool() ? ClientHelloSpec.Padding.AVOID_256_TO_511 : ClientHelloSpec.Padding.NONE);
        if (in.bool()) {
            b.serverName(in.string(300));
        }
        if (in.bool()) {
            List<KeyShareEntry> shares = new ArrayList<>();
            for (int i = in.intIn(0, 4); i > 0; i--) {
                shares.add(new KeyShareEntry(NamedGroup.of(in.u16()),
                        in.bytes(70_000)));
            }
            b.keyShares(shares);
        }
        List<String> alpn = new ArrayList<>();
        for (int i = in.intIn(0, 4); i > 0; i--) {
            alpn.add(in.string(300));
        }
        b.alpn(alpn);
        List<Extension> extra = new ArrayList<>();
        for (int i = in.intIn(0, 3); i > 0; i--) {
            int type = in.u16();
            // a type the spec models would change what its accessors read back, so the oracle would not hold
            extra.add(Extension.of(MODELLED.contains(type) ? type | 0x4000 : type, in.bytes(70_000)));
        }
        return b.extraExtensions(extra).build();
    }

    private static <T> List<T> u16s(FuzzBytes in, IntFunction<T> of) {
        List<T> out = new ArrayList<>();
        for (int i = in.intIn(0, MAX_LIST); i > 0; i--) {
            out.add(of.apply(in.u16()));
        }
        return out;
    }
}
