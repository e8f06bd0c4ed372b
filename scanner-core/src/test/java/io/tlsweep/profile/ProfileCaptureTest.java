package io.tlsweep.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The profiles of the clients installed where the profiles were made equal those clients' real ClientHellos
 * (captured on loopback, kept under captures/), and the hello tlsweep sends for them carries the same suites,
 * groups, versions and signature algorithms.
 */
class ProfileCaptureTest {
    private static final ProfileCatalog BUILT_IN = ProfileFile.builtIn();

    @ParameterizedTest
    @CsvSource({"java17, java17", "java25, java25", "openssl-3, openssl3", "chromium, chromium"})
    void theProfileEqualsTheCapturedHello(String id, String capture) throws IOException {
        ClientProfile p = BUILT_IN.byId(id).orElseThrow();
        ClientHello real = decode(load(capture));
        List<CipherSuite> suites = new ArrayList<>(p.tls13CipherSuites().value());
        suites.addAll(p.cipherSuites().value());
        assertThat(real.cipherSuites().stream().filter(s -> !s.isGrease() && !s.isScsv()).toList())
                .isEqualTo(suites);
        assertThat(withoutGrease(real.supportedGroups())).isEqualTo(p.groups().value());
        assertThat(real.supportedVersions().stream().filter(ProtocolVersion::isKnown).toList())
                .isEqualTo(p.versions().value().stream().sorted(Comparator.reverseOrder()).toList());
        assertThat(real.signatureAlgorithms().stream().filter(s -> !isGrease(s.code())).toList())
                .isEqualTo(p.signatureAlgorithms().orElseThrow().value());
        assertThat(real.serverName().isPresent()).isEqualTo(p.sni().value());
        p.keyShares().ifPresent(f -> assertThat(real.keyShares().stream().map(KeyShareEntry::group)
                .filter(g -> !isGrease(g.code())).toList()).as("key shares").isEqualTo(f.value()));
    }

    @ParameterizedTest
    @CsvSource({"java17, java17", "java25, java25", "openssl-3, openssl3", "chromium, chromium"})
    void theHelloTlsweepSendsOffersWhatTheClientOffers(String id, String capture) throws IOException {
        ClientProfile p = BUILT_IN.byId(id).orElseThrow();
        ClientHello real = decode(load(capture));
        ClientHello sent = decode(ClientHelloEncoder.encode(ProfileHello.of(p, Optional.of("client.tlsweep.test"))));
        assertThat(sent.cipherSuites()).isEqualTo(real.cipherSuites().stream().filter(s -> !s.isGrease()).toList());
        assertThat(sent.supportedGroups()).isEqualTo(withoutGrease(real.supportedGroups()));
        assertThat(sent.supportedVersions()).isEqualTo(real.supportedVersions().stream()
                .filter(ProtocolVersion::isKnown).toList());
        assertThat(sent.signatureAlgorithms()).isEqualTo(real.signatureAlgorithms().stream()
                .filter(s -> !isGrease(s.code())).toList());
        assertThat(sent.serverName()).contains("client.tlsweep.test");
        List<NamedGroup> realShares = real.keyShares().stream().map(KeyShareEntry::group)
                .filter(g -> !isGrease(g.code())).toList();
        if (p.keyShares().isPresent()) {
            assertThat(sent.keyShares()).extracting(KeyShareEntry::group).isEqualTo(realShares);
        } else {
            assertThat(sent.keyShares()).hasSize(1);
            assertThat(realShares).contains(sent.keyShares().get(0).group());
        }
    }

    private static List<NamedGroup> withoutGrease(List<NamedGroup> groups) {
        return groups.stream().filter(g -> !isGrease(g.code())).toList();
    }

    private static boolean isGrease(int code) {
        return (code & 0x0F0F) == 0x0A0A && (code >> 8) == (code & 0xFF);
    }

    private static ClientHello decode(byte[] record) {
        ClientHelloDecoder.Result r = ClientHelloDecoder.decode(record);
        assertThat(r).isInstanceOf(ClientHelloDecoder.Result.Decoded.class);
        return ((ClientHelloDecoder.Result.Decoded) r).hello();
    }

    private static byte[] load(String name) throws IOException {
        try (InputStream in = ProfileCaptureTest.class.getResourceAsStream("/io/tlsweep/profiles/captures/" + name + ".hex")) {
            assertThat(in).as(name).isNotNull();
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).map(String::strip).collect(Collectors.joining());
            return Hex.parse(hex);
        }
    }
}
