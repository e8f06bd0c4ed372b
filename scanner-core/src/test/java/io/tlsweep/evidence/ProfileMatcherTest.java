package io.tlsweep.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ClientProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The nearest profile and the family of real hellos: the profiles' own, the captures kept with the profiles, and
 * hellos caught here on loopback from {@code openssl s_client}, {@code gnutls-cli} and this JVM's SSLSocket.
 */
class ProfileMatcherTest {
    private static final ProfileMatcher MATCHER = ProfileMatcher.builtIn();
    private static final String SNI = "client.tlsweep.test";

    @Test
    void everyProfilesOwnHelloMatchesItExactly() {
        assertThat(MATCHER.references()).hasSize(BuiltInProfiles.LIST.size());
        for (ProfileMatcher.Reference r : MATCHER.references()) {
            ProfileMatcher.Match m = MATCHER.match(r.hello());
            assertThat(m.exact()).as(r.profile().id()).isTrue();
            // profiles whose hellos are alike (the Schannel clients of one Windows) tie; this one is among them
            assertThat(m.nearest()).as(r.profile().id()).contains(r.profile());
            assertThat(m.family()).as(r.profile().id()).contains(m.nearest().get(0).family().label());
        }
    }

    @ParameterizedTest
    @CsvSource({"openssl3, openssl-3, openssl", "openssl3-debian, openssl-3, openssl", "java17, java17, java",
            "chromium, chromium, browser"})
    void theCapturedHellosMatchTheirProfilesExactly(String capture, String profile, String family) {
        ProfileMatcher.Match m = MATCHER.match(Ja4Hellos.capture(capture));
        assertThat(m.nearest().get(0).id()).isEqualTo(profile);
        assertThat(m.exact()).isTrue();
        assertThat(m.family()).contains(family);
        assertThat(m.label()).startsWith("looks like " + m.nearest().get(0).name() + ", exact");
        assertThat(m.identity().ja4()).isEqualTo(Ja4.of(Ja4Hellos.capture(capture)));
    }

    /** The JDK 25 hello is Java 25's exactly, and Java 21's, whose profile is that capture (same java.security). */
    @Test
    void theCapturedJdk25HelloIsJava21And25Exactly() {
        ProfileMatcher.Match m = MATCHER.match(Ja4Hellos.capture("java25"));
        assertThat(m.nearest()).extracting(ClientProfile::id).containsExactly("java21", "java25");
        assertThat(m.exact()).isTrue();
        assertThat(m.family()).contains("java");
    }

    @Test
    void aRealOpensslClientIsOpenssl3() throws IOException, InterruptedException {
        OfferedHello hello = Ja4Hellos.fromProcess(port -> List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + port, "-servername", SNI));
        ProfileMatcher.Match m = MATCHER.match(hello);
        assertThat(m.nearest().get(0).id()).as(m.label()).isEqualTo("openssl-3");
        assertThat(m.family()).contains("openssl");
        assertThat(m.distance().total()).as(m.label()).isLessThanOrEqualTo(ProfileMatcher.FAMILY_DISTANCE);
        assertThat(m.identity().ja4().orElseThrow()).startsWith("t13d");
    }

    /**
     * No profile describes GnuTLS: its hello is far from every one (the nearest is OpenSSL 3.0, more than 30 changes
     * away with gnutls-cli 3.7.9: 27 suites, 3 groups, 2 extensions), and its traits say GnuTLS.
     */
    @Test
    void aRealGnutlsClientIsToldByItsTraits() throws IOException, InterruptedException {
        OfferedHello hello = Ja4Hellos.fromProcess(port -> List.of("gnutls-cli", "--insecure", "--sni-hostname", SNI,
                "-p", Integer.toString(port), "127.0.0.1"));
        ProfileMatcher.Match m = MATCHER.match(hello);
        assertThat(ProfileMatchTraits.gnutls(hello)).isTrue();
        assertThat(m.family()).contains("gnutls");
        assertThat(m.exact()).isFalse();
        assertThat(m.distance().total()).as(m.label()).isGreaterThan(ProfileMatcher.FAMILY_DISTANCE);
        assertThat(m.label()).startsWith("nearest: ").contains("(distance " + m.distance().total() + ")")
                .endsWith("; family: gnutls");
    }

    /**
     * This JVM's default hello: the java17 profile (captured from 17.0.15). A later 17.x whose
     * jdk.tls.disabledAlgorithms drop TLS_RSA_* suites is a few suites away, still Java's family.
     */
    @Test
    void thisJvmsHelloIsJava() throws IOException, InterruptedException {
        OfferedHello hello = Ja4Hellos.fromThread(port -> {
            try (SSLSocket s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket("127.0.0.1",
                    port)) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(SNI)));
                s.setSSLParameters(p);
                s.startHandshake();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        ProfileMatcher.Match m = MATCHER.match(hello);
        // a JDK 17 update that disables TLS_RSA_* and the SHA-1 signatures (17.0.21 does, through
        // jdk.tls.disabledAlgorithms) sends the hello of Java 21 and 25's defaults: either Java profile is right
        assertThat(m.nearest().get(0).id()).as(m.label()).isIn("java17", "java21", "java25");
        assertThat(m.family()).contains("java");
        assertThat(ProfileMatchTraits.gnutls(hello)).isFalse();
    }

    @Test
    void noProfilesHelloShowsTraitsOfAnotherFamily() {
        for (ProfileMatcher.Reference r : MATCHER.references()) {
            assertThat(ProfileMatchTraits.gnutls(r.hello())).as(r.profile().id()).isFalse();
            ProfileMatchTraits.family(r.hello()).ifPresent(f -> assertThat(f).as(r.profile().id())
                    .isEqualTo(r.profile().family().label()));
        }
    }

    /**
     * Clients limited to one version (as the tests of the log readers and the capture run them) offer few of their
     * default suites, so no profile is near; their family is still told, by their hellos' traits.
     */
    @ParameterizedTest
    @CsvSource({"0, -tls1", "1, -tls1_1", "2, -tls1_2", "3, -tls1_3"})
    void clientsLimitedToOneVersionAreOfTheirFamily(int minor, String opensslFlag) throws Exception {
        String v = "1." + minor;
        OfferedHello openssl = Ja4Hellos.fromProcess(port -> List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + port, opensslFlag, "-cipher", "DEFAULT:@SECLEVEL=0"));
        OfferedHello curl = Ja4Hellos.fromProcess(port -> List.of("curl", "-sS", "-k", "--max-time", "20",
                "--tlsv" + v, "--tls-max", v, "--ciphers", "DEFAULT:@SECLEVEL=0", "https://127.0.0.1:" + port + "/"));
        OfferedHello gnutls = Ja4Hellos.fromProcess(port -> List.of("gnutls-cli", "--insecure", "--priority",
                "NORMAL:-VERS-ALL:+VERS-TLS" + v, "-p", Integer.toString(port), "127.0.0.1"));
        Path dir = Files.createTempDirectory("tlsweep-jdk-hello");
        try {
            Path security = Files.writeString(dir.resolve("java.security"), "jdk.tls.disabledAlgorithms=SSLv3, RC4,"
                    + " DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL\n");
            String classes = Path.of(ProfileMatcherJdkClient.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toString();
            String protocol = minor == 0 ? "TLSv1" : "TLSv" + v;
            OfferedHello jdk = Ja4Hellos.fromProcess(port -> List.of(Path.of(System.getProperty("java.home"), "bin",
                    "java").toString(), "-Djava.security.properties=" + security, "-cp", classes,
                    ProfileMatcherJdkClient.class.getName(), Integer.toString(port), protocol));
            for (OfferedHello h : List.of(openssl, curl, gnutls, jdk)) {
                assertThat(Ja4.version(h)).isEqualTo("1" + minor);
            }
            assertThat(MATCHER.match(openssl).family()).as(MATCHER.match(openssl).label()).contains("openssl");
            assertThat(MATCHER.match(curl).family()).as(MATCHER.match(curl).label()).contains("openssl");
            assertThat(MATCHER.match(gnutls).family()).as(MATCHER.match(gnutls).label()).contains("gnutls");
            assertThat(MATCHER.match(jdk).family()).as(MATCHER.match(jdk).label()).contains("java");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void theDistanceCountsMissingExtraAndMovedItems() {
        // one missing (3), one extra (9), and 2 before 1: one move
        assertThat(ProfileMatchDistance.changes(List.of(2, 1, 4, 9), List.of(1, 2, 3, 4))).isEqualTo(3);
        assertThat(ProfileMatchDistance.changes(List.of(1, 2, 3), List.of(1, 2, 3))).isZero();
        assertThat(ProfileMatchDistance.changes(List.of(3, 2, 1), List.of(1, 2, 3))).isEqualTo(2);
    }

    @Test
    void aHelloOneSuiteAwayIsNearestAtDistanceOne() {
        ClientProfile java17 = MATCHER.references().stream().map(ProfileMatcher.Reference::profile)
                .filter(p -> p.id().equals("java17")).findFirst().orElseThrow();
        OfferedHello own = ProfileMatcher.helloOf(java17);
        List<Integer> suites = own.cipherSuites().subList(1, own.cipherSuites().size());
        OfferedHello less = new OfferedHello(own.legacyVersion(), own.supportedVersions(), suites, own.extensions(),
                own.groups(), own.signatureAlgorithms(), own.alpn(), own.serverName());
        ProfileMatcher.Match m = MATCHER.match(less);
        assertThat(m.nearest()).containsExactly(java17);
        assertThat(m.distance().suites()).isEqualTo(1);
        assertThat(m.label()).isEqualTo("nearest: " + java17.name() + " (distance 1)");
    }

    @Test
    void withoutExtensionsOnlyTheSuitesAreCompared() {
        OfferedHello own = Ja4Hellos.capture("openssl3");
        OfferedHello suitesOnly = new OfferedHello(0x0303, List.of(), own.cipherSuites(), List.of(), List.of(),
                List.of(), List.of(), Optional.empty());
        ProfileMatcher.Match m = MATCHER.match(suitesOnly);
        assertThat(m.distance().compared()).containsExactly("suites");
        assertThat(m.ja4()).isEmpty();
        // OpenSSL 1.1.1, 3.0 and 3.5 send the same suites: all are nearest, told apart only by their groups
        assertThat(m.nearest()).extracting(ClientProfile::id).containsExactly("openssl-1.1.1", "openssl-3",
                "openssl-3.5");
        assertThat(m.label()).endsWith("exact (compared: suites)");
    }

    @Test
    void identifyGivesTheMatchsIdentityForEveryNameTheHelloCarries() {
        OfferedHello own = Ja4Hellos.capture("java17");
        OfferedHello other = new OfferedHello(own.legacyVersion(), own.supportedVersions(), own.cipherSuites(),
                own.extensions(), own.groups(), own.signatureAlgorithms(), own.alpn(), Optional.of("other.test"));
        ClientIdentity first = MATCHER.identify(own);
        assertThat(first).isEqualTo(MATCHER.match(own).identity());
        assertThat(MATCHER.identify(other)).isEqualTo(first);
        assertThat(first.family()).contains("java");
        assertThat(first.looksLike().orElseThrow().profileId()).isEqualTo("java17");
        assertThat(ProfileMatcher.label(first)).isEqualTo("looks like " + first.looksLike().get().profileName()
                + ", exact");
    }

    @Test
    void anUnknownIdentityHasItsOwnLabel() {
        assertThat(ProfileMatcher.label(ClientIdentity.UNKNOWN)).isEqualTo("no ClientHello seen");
    }
}
