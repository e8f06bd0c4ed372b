package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.analysis.ProfileCheck;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientMessage;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.Behaviour;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.testing.OpenSslServer;
import io.tlsweep.wire.CipherSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The words tlsweep says a client shows are the words the real client shows: for each farm server, the Java 17
 * and OpenSSL 3 profiles' own hellos are read as those clients would read them, and the local JDK 17 and
 * {@code openssl s_client} (upstream defaults) then connect for real and print exactly that.
 */
class ClientMessagesTest {
    private static final int TIMEOUT_MS = 3000;
    private static final String ALERT_WORDS = "Received fatal alert: ";

    @Test
    void javaAndOpenSslSayWhatTheProfilesPredict() throws Exception {
        List<TargetSpec> specs = new ArrayList<>(List.of(DefaultProfiles.legacyTls10(), DefaultProfiles.legacy3desRc4(),
                TargetSpec.tls("tls10-ecdhe-first").stack(TlsStack.BORINGSSL).versions(TlsVersion.TLS1_0)
                        .cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA")
                        .serverOrder(true).build()));
        specs.add(TargetSpec.hostile(DefaultProfiles.hostileName(Behaviour.RESET_ON_HELLO), Behaviour.RESET_ON_HELLO));
        specs.add(TargetSpec.hostile(DefaultProfiles.hostileName(Behaviour.CLOSE_NOTIFY), Behaviour.CLOSE_NOTIFY));
        OpenSslServer.require();
        ClientProfile java17 = ProfileFile.builtIn().byId("java17").orElseThrow();
        ClientProfile openssl3 = ProfileFile.builtIn().byId("openssl-3").orElseThrow();
        try (TargetFarm farm = TargetFarm.start(specs)) {
            List<Target> targets = new ArrayList<>();
            for (FarmTarget t : farm.targets()) {
                targets.add(FarmScans.target(t, Optional.empty(), t.name()));
            }
            Map<String, TargetResult> seen = new LinkedHashMap<>();
            List<TargetResult> results = new ArrayList<>();
            try (TlsScanner scanner = new TlsScanner(FarmScans.config(), ScanOptions.full(), List.of(java17, openssl3),
                    true)) {
                scanner.scan(targets.iterator(), results::add).join();
            }
            results.forEach(r -> seen.put(r.target().origin(), r));
            for (FarmTarget t : farm.targets()) {
                TargetResult r = seen.get(t.name());
                ProfileOutcome javaSaw = r.profileHellos().get("java17");
                String real = jdkHandshake(t.host(), t.port());
                if (javaSaw.connects()) {
                    assertThat(real).as(t.name()).isEqualTo("connected");
                } else {
                    ClientMessage m = ProfileCheck.messageOf(java17, javaSaw).orElseThrow();
                    assertThat(real).as(t.name() + " (Java 17 " + Runtime.version() + ")").matches(jdkPrints(m));
                }
                ProfileOutcome opensslSaw = r.profileHellos().get("openssl-3");
                String out = opensslHandshake(t.host(), t.port());
                if (opensslSaw.connects()) {
                    assertThat(out).as(t.name()).contains("Cipher is "
                            + opensslSaw.suite().flatMap(CipherSuite::opensslName).orElseThrow());
                } else {
                    ClientMessage m = ProfileCheck.messageOf(openssl3, opensslSaw).orElseThrow();
                    assertThat(out).as(t.name() + " (OpenSSL 3)").contains(m.code().equals("ECONNRESET")
                            ? "errno=104" : m.code().equals("SSL_ERROR_ZERO_RETURN") ? "closed" : m.text());
                }
            }
            assertThat(seen).hasSize(specs.size());
        }
    }

    @Test
    void everyJdk17UpdatesWordsForAFatalAlertMatchThePrediction() {
        ClientMessage m = new ClientMessage("javax.net.ssl.SSLHandshakeException",
                "Received fatal alert: protocol_version", "", "test");
        String prefix = "javax.net.ssl.SSLHandshakeException: ";
        assertThat(prefix + "Received fatal alert: protocol_version").as("17.0.15").matches(jdkPrints(m));
        assertThat(prefix + "(protocol_version) Received fatal alert: protocol_version").as("17.0.21")
                .matches(jdkPrints(m));
        assertThat(prefix + "(handshake_failure) Received fatal alert: protocol_version").doesNotMatch(jdkPrints(m));
        assertThat(prefix + "Received fatal alert: handshake_failure").doesNotMatch(jdkPrints(m));
        assertThat("javax.net.ssl.SSLException: Received fatal alert: protocol_version").doesNotMatch(jdkPrints(m));
        ClientMessage closed = new ClientMessage("javax.net.ssl.SSLProtocolException",
                "Received close_notify during handshake", "", "test");
        assertThat("javax.net.ssl.SSLProtocolException: (unexpected_message) Received close_notify during handshake")
                .as("17.0.21").matches(jdkPrints(closed));
        assertThat("javax.net.ssl.SSLProtocolException: (close_notify) Received close_notify during handshake")
                .doesNotMatch(jdkPrints(closed));
    }

    /**
     * The predicted words as any JDK 17 update prints them: later updates put the alert the JDK ends the handshake
     * with in parentheses first (the one received, or unexpected_message for a close_notify, protocol_version for
     * a version it refuses); nothing else may differ.
     */
    static String jdkPrints(ClientMessage m) {
        String alert = m.text().startsWith(ALERT_WORDS) ? m.text().substring(ALERT_WORDS.length())
                : m.text().equals("Received close_notify during handshake") ? "unexpected_message"
                : m.text().startsWith("The server selected protocol version") ? "protocol_version" : null;
        String prefix = alert == null ? "" : "(" + Pattern.quote("(" + alert + ") ") + ")?";
        return Pattern.quote(m.code() + ": ") + prefix + Pattern.quote(m.text());
    }

    /** "connected", or the exception's class and message as the JDK prints them. */
    private static String jdkHandshake(String host, int port) throws Exception {
        try (SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(host, port)) {
            s.setSoTimeout(TIMEOUT_MS);
            s.startHandshake();
            return "connected";
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("PKIX path")) {
                return "connected";
            }
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** What {@code openssl s_client} with the library's own defaults prints. */
    private static String opensslHandshake(String host, int port) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("openssl", "s_client", "-connect", host + ":" + port)
                .redirectErrorStream(true);
        pb.environment().put("OPENSSL_CONF", "/dev/null");
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("openssl s_client did not finish against " + host + ":" + port);
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }
}
