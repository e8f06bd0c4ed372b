package io.tlsweep.evidence.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.evidence.Observation;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Must-show 1 for captures: a real tcpdump on lo records real handshakes of real clients (openssl s_client at TLS
 * 1.0 to 1.3, gnutls-cli at 1.0 and 1.3, the JDK at 1.2 and 1.3) with a real openssl s_server (every version
 * enabled, {@code @SECLEVEL=0}), and one SMTP STARTTLS session (openssl s_client -starttls smtp); the capture, as
 * tcpdump wrote it (pcap) and written again as pcapng, gives every handshake with its version, client, endpoint
 * and SNI, and the three client stacks' offers differ.
 */
class PcapCaptureTest {
    private static final String[] LEGACY = {"-cipher", "DEFAULT:@SECLEVEL=0"};

    /** One handshake a client made: the SNI it sent (unique per handshake), the version, the server's port. */
    private record Made(String sni, ProtocolVersion version, int port) {
    }

    @Test
    void everyRealHandshakeIsInTheCaptureInPcapAndPcapng(@TempDir Path dir) throws Exception {
        OpenSslServer.require();
        List<Made> made = new ArrayList<>();
        byte[] pcap;
        try (OpenSslServer server = OpenSslServer.start("-cipher", "DEFAULT:@SECLEVEL=0", "-min_protocol", "TLSv1");
                SmtpStarttlsResponder smtp = SmtpStarttlsResponder.start()) {
            int port = server.port();
            Tcpdump dump = Tcpdump.start(dir.resolve("lo.pcap"), List.of(port, smtp.port()));
            try {
                String[][] openssl = {{"-tls1", "10"}, {"-tls1_1", "11"}, {"-tls1_2", "12"}, {"-tls1_3", "13"}};
                for (String[] v : openssl) {
                    String sni = "openssl-" + v[1] + ".example";
                    run(concat(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, v[0], "-servername",
                            sni), LEGACY));
                    made.add(new Made(sni, version(v[1]), port));
                }
                for (String v : List.of("1.0", "1.3")) {
                    String sni = "gnutls-" + v.replace(".", "") + ".example";
                    run(List.of("gnutls-cli", "--insecure", "-p", String.valueOf(port), "--sni-hostname=" + sni,
                            "--priority=NORMAL:-VERS-ALL:+VERS-TLS" + v, "127.0.0.1"));
                    made.add(new Made(sni, version(v.replace(".", "")), port));
                }
                for (String v : List.of("TLSv1.2", "TLSv1.3")) {
                    String sni = "jdk-" + v.substring(4).replace(".", "") + ".example";
                    jdk(port, v, sni);
                    made.add(new Made(sni, ProtocolVersion.parse(v).orElseThrow(), port));
                }
                run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + smtp.port(), "-starttls", "smtp",
                        "-tls1_2", "-servername", "smtp.example"));
                made.add(new Made("smtp.example", ProtocolVersion.TLSv1_2, smtp.port()));
                pcap = dump.stop();
            } finally {
                dump.close();
            }
            assertThat(smtp.failure()).isNull();
        }
        Collected fromPcap = Collected.read("lo.pcap", pcap);
        CaptureWriter.Classic classic = CaptureWriter.readPcap(pcap);
        Collected fromPcapng = Collected.read("lo.pcapng", CaptureWriter.pcapng(classic.linkType(), true, 9,
                classic.frames()));
        for (Collected c : List.of(fromPcap, fromPcapng)) {
            assertThat(c.problems).isEmpty();
            assertThat(c.seen).hasSize(made.size());
            for (Made m : made) {
                assertThat(c.seen).filteredOn(o -> o.serverName().equals(java.util.Optional.of(m.sni())))
                        .singleElement().satisfies(o -> {
                            assertThat(o.established()).isTrue();
                            assertThat(o.version()).contains(m.version());
                            assertThat(o.clientAddress()).contains("127.0.0.1");
                            assertThat(o.serverAddress()).contains("127.0.0.1");
                            assertThat(o.serverPort()).hasValue(m.port());
                            assertThat(o.cipher()).isPresent();
                            assertThat(o.offered().orElseThrow().serverName()).contains(m.sni());
                        });
            }
        }
        assertThat(sorted(fromPcapng.seen)).isEqualTo(sorted(fromPcap.seen));
        List<List<Integer>> offers = Stream.of("openssl-13.example", "gnutls-13.example", "jdk-13.example")
                .map(sni -> fromPcap.seen.stream().filter(o -> o.serverName().orElseThrow().equals(sni)).findFirst()
                        .orElseThrow().offered().orElseThrow().cipherSuites())
                .toList();
        assertThat(offers).doesNotHaveDuplicates();
    }

    private static List<Observation> sorted(List<Observation> seen) {
        return seen.stream().sorted(Comparator.comparing(o -> o.serverName().orElse(""))).toList();
    }

    private static ProtocolVersion version(String digits) {
        return ProtocolVersion.parse(digits.charAt(0) + "." + digits.charAt(1)).orElseThrow();
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    /** Runs a client with no input to its end (20 s at most); it must succeed. */
    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException(cmd + " did not end within 20 s: " + out.join());
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited with " + p.exitValue() + ": " + out.join());
        }
    }

    /** A JDK handshake (TLS 1.2 or 1.3, which every JDK 17 allows) naming {@code sni}. */
    private static void jdk(int port, String protocol, String sni) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // the test's own self-signed server on loopback
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                port)) {
            s.setSoTimeout(20_000);
            SSLParameters params = s.getSSLParameters();
            params.setProtocols(new String[] {protocol});
            params.setServerNames(List.of(new SNIHostName(sni)));
            s.setSSLParameters(params);
            s.startHandshake();
            assertThat(s.getSession().getProtocol()).isEqualTo(protocol);
        }
    }
}
