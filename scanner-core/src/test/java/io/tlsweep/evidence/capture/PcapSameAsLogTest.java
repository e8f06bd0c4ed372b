package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.LegacyTraffic;
import io.tlsweep.evidence.NginxLog;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.testing.AccessLoggingServers;
import io.tlsweep.testing.AccessLoggingServers.Listener;
import io.tlsweep.testing.ForegroundDaemon;
import io.tlsweep.wire.ProtocolVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1, the capture's half: a real nginx (configured with tlsweep's documented log format) receives the
 * same real traffic as the access log test ({@link LegacyTraffic}: openssl s_client, curl, gnutls-cli and the JDK,
 * TLS 1.0 to 1.3 each, on three endpoints) while tcpdump captures it on lo. The capture gives the same answer as
 * nginx's log (every handshake with its version, client, endpoint and SNI), and the ClientHellos tell the client
 * stacks apart: each is matched to its client's family by the client profiles (OpenSSL for s_client and curl,
 * GnuTLS, Java), each client offers the same at every endpoint, and OpenSSL's, GnuTLS's and the JDK's offers
 * differ.
 */
class PcapSameAsLogTest {
    private static final String SNI = "legacy.tlsweep.test";

    /** What a log or a capture says of a handshake, without what only one of them can know. */
    private record Seen(ProtocolVersion version, String client, String server, int port, Optional<String> sni) {
        static Seen of(Observation o) {
            return new Seen(o.version().orElseThrow(), o.clientAddress().orElseThrow(),
                    o.serverAddress().orElseThrow(), o.serverPort().orElseThrow(), o.serverName());
        }
    }

    @Test
    void theCaptureOfTheTrafficGivesTheLogsAnswer(@TempDir Path tmp) throws Exception {
        int port = ForegroundDaemon.freePort();
        int other = ForegroundDaemon.freePort();
        List<Listener> tls = List.of(new Listener("127.0.0.1", port), new Listener("127.0.0.2", port),
                new Listener("127.0.0.1", other));
        List<LegacyTraffic.Endpoint> endpoints = List.of(new LegacyTraffic.Endpoint("127.0.0.1", port,
                Optional.of(SNI)), new LegacyTraffic.Endpoint("127.0.0.2", port, Optional.empty()),
                new LegacyTraffic.Endpoint("127.0.0.1", other, Optional.of(SNI)));
        Path log = tmp.resolve("nginx-access.log");
        List<LegacyTraffic.Handshake> made;
        byte[] capture;
        try (ForegroundDaemon nginx = AccessLoggingServers.nginx(NginxLog.LOG_FORMAT, log, tls,
                new Listener("127.0.0.1", ForegroundDaemon.freePort()))) {
            Tcpdump dump = Tcpdump.start(tmp.resolve("lo.pcap"), List.of(port, other));
            try {
                made = LegacyTraffic.send(endpoints);
                capture = dump.stop();
            } finally {
                dump.close();
            }
        }
        Collected fromLog = new Collected();
        try (EvidenceInput in = EvidenceInput.open(log)) {
            new NginxLog().read(in, fromLog);
        }
        Collected fromCapture = Collected.read("lo.pcap", capture);
        assertThat(fromLog.problems).isEmpty();
        assertThat(fromCapture.problems).isEmpty();
        assertThat(fromCapture.seen).hasSize(made.size()).allSatisfy(o -> {
            assertThat(o.established()).isTrue();
            assertThat(o.cipher()).isPresent();
        });
        assertThat(fromCapture.seen).map(Seen::of)
                .containsExactlyInAnyOrderElementsOf(fromLog.seen.stream().map(Seen::of).toList());

        // the clients ran one after another: in time order, the capture's handshakes are the traffic's
        List<Observation> inOrder = fromCapture.seen.stream()
                .sorted(Comparator.comparing(o -> o.time().orElse(Instant.EPOCH))).toList();
        assertThat(inOrder).extracting(o -> o.version().orElseThrow())
                .containsExactlyElementsOf(made.stream().map(LegacyTraffic.Handshake::version).toList());
        ProfileMatcher matcher = ProfileMatcher.builtIn();
        for (int i = 0; i < made.size(); i++) {
            String family = switch (made.get(i).client()) {
                case OPENSSL, CURL -> "openssl";
                case GNUTLS -> "gnutls";
                case JDK -> "java";
            };
            assertThat(matcher.match(inOrder.get(i).offered().orElseThrow()).family()).as(made.get(i).toString())
                    .contains(family);
        }
        Map<LegacyTraffic.Client, List<List<Integer>>> offers = new java.util.EnumMap<>(LegacyTraffic.Client.class);
        for (int i = 0; i < made.size(); i++) {
            if (made.get(i).version().equals(ProtocolVersion.TLSv1_3)) {
                offers.computeIfAbsent(made.get(i).client(), c -> new java.util.ArrayList<>())
                        .add(inOrder.get(i).offered().orElseThrow().cipherSuites());
            }
        }
        assertThat(offers.values()).allSatisfy(same -> assertThat(same).hasSize(3).containsOnly(same.get(0)));
        assertThat(List.of(offers.get(LegacyTraffic.Client.OPENSSL).get(0),
                offers.get(LegacyTraffic.Client.GNUTLS).get(0), offers.get(LegacyTraffic.Client.JDK).get(0)))
                .doesNotHaveDuplicates();
        assertThat(offers.keySet().stream().map(Enum::name).collect(Collectors.joining(",")))
                .isEqualTo("OPENSSL,CURL,GNUTLS,JDK");
    }
}
