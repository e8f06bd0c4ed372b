package io.tlsweep.targets;

import static io.tlsweep.targets.TlsVersion.TLS1_0;
import static io.tlsweep.targets.TlsVersion.TLS1_1;
import static io.tlsweep.targets.TlsVersion.TLS1_2;
import static io.tlsweep.targets.TlsVersion.TLS1_3;

import io.tlsweep.targets.cert.CertificateSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The built-in farm: well-behaved profiles across BoringSSL, the JDK and Bouncy Castle, certificate
 * variants, the scripted legacy server, and one hostile target per {@link Behaviour}. Each profile is also available on its own
 * so tests can derive variants ({@code DefaultProfiles.mixed().toBuilder()...}).
 */
public final class DefaultProfiles {

    /** The SNI name the {@code sni-required} target insists on. */
    public static final String SNI_NAME = "sni.tlsweep.test";
    /** Subject strings of the {@code cert-hostile-subject} target. */
    public static final String HOSTILE_CN = "<script>alert(1)</script>";
    public static final String HOSTILE_O = "=HYPERLINK(\"x\")";

    private DefaultProfiles() {
    }

    /** Every built-in profile: well-behaved first, then scripted, then hostile. */
    public static List<TargetSpec> all() {
        List<TargetSpec> specs = new ArrayList<>(wellBehaved());
        specs.addAll(scripted());
        specs.addAll(hostile());
        return List.copyOf(specs);
    }

    public static List<TlsTargetSpec> wellBehaved() {
        List<TlsTargetSpec> specs = new ArrayList<>(List.of(legacyTls10(), mixed(), strongTls12Ecdsa(),
                modernTls12And13(), tls13Only(), postQuantumTls13(), serverOrdered(), clientOrdered(), sniRequired()));
        specs.addAll(certificateVariants());
        return List.copyOf(specs);
    }

    /**
     * TLS 1.0 only, CBC-SHA suites; BoringSSL (JDK and BC refuse TLS 1.0 through jdk.tls.disabledAlgorithms).
     * No 3DES: none of the three stacks serves it here (see {@code ServerSslContexts}).
     */
    public static TlsTargetSpec legacyTls10() {
        return TargetSpec.tls("legacy-tls10").stack(TlsStack.BORINGSSL).versions(TLS1_0)
                .cipherSuites("TLS_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA")
                .build();
    }

    /** TLS 1.0 to 1.2, CBC and AEAD suites, RSA certificate; BoringSSL. */
    public static TlsTargetSpec mixed() {
        return TargetSpec.tls("mixed-tls10-12").stack(TlsStack.BORINGSSL).versions(TLS1_0, TLS1_1, TLS1_2)
                .cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA")
                .build();
    }

    /** TLS 1.2 only, ECDHE-ECDSA AEAD suites incl. CCM, ECDSA P-256 certificate; Bouncy Castle. */
    public static TlsTargetSpec strongTls12Ecdsa() {
        return TargetSpec.tls("strong-tls12-ecdsa").stack(TlsStack.BOUNCY_CASTLE).versions(TLS1_2)
                .cipherSuites("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_CCM")
                .certificate(CertificateSpec.ecdsaP256())
                .build();
    }

    /** TLS 1.2 and 1.3, RSA certificate; JDK. */
    public static TlsTargetSpec modernTls12And13() {
        return TargetSpec.tls("modern-tls12-13").stack(TlsStack.JDK).versions(TLS1_2, TLS1_3)
                .cipherSuites("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")
                .build();
    }

    /** TLS 1.3 only with two of the three TLS 1.3 suites; JDK. */
    public static TlsTargetSpec tls13Only() {
        return TargetSpec.tls("tls13-only").stack(TlsStack.JDK).versions(TLS1_3)
                .cipherSuites("TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_256_GCM_SHA384")
                .build();
    }

    /**
     * TLS 1.3 only with post-quantum hybrid key exchange: BoringSSL (netty-tcnative) with its groups set to
     * X25519MLKEM768 first, then x25519, in the server's order, so a client offering both gets X25519MLKEM768 (the
     * group current browsers, Go, Node and OpenSSL 3.5 offer first). BoringSSL serves its three TLS 1.3 suites.
     */
    public static TlsTargetSpec postQuantumTls13() {
        return TargetSpec.tls("pq-hybrid-tls13").stack(TlsStack.BORINGSSL).versions(TLS1_3)
                .cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")
                .groups(List.of("X25519MLKEM768", "X25519"))
                .serverOrder(true)
                .build();
    }

    /** TLS 1.2, four suites, the server's order wins; BoringSSL. Same as {@link #clientOrdered()} otherwise. */
    public static TlsTargetSpec serverOrdered() {
        return TargetSpec.tls("order-server").stack(TlsStack.BORINGSSL).versions(TLS1_2)
                .cipherSuites("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")
                .serverOrder(true)
                .build();
    }

    /** Like {@link #serverOrdered()} but the client's order wins. */
    public static TlsTargetSpec clientOrdered() {
        return serverOrdered().toBuilder().name("order-client").serverOrder(false).build();
    }

    /** TLS 1.2 and 1.3, completes only for SNI {@value #SNI_NAME}; JDK. */
    public static TlsTargetSpec sniRequired() {
        return TargetSpec.tls("sni-required").stack(TlsStack.JDK).versions(TLS1_2, TLS1_3)
                .cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                .requireServerName(SNI_NAME)
                .certificate(CertificateSpec.rsa2048().withSubject(SNI_NAME, "tlsweep target farm")
                        .withDnsNames(List.of(SNI_NAME)))
                .build();
    }

    /** The scripted targets: servers no real stack here can be configured as. */
    public static List<ScriptedTargetSpec> scripted() {
        return List.of(legacy3desRc4());
    }

    /**
     * TLS 1.0 and TLS 1.2 with exactly TLS_RSA_WITH_3DES_EDE_CBC_SHA then TLS_RSA_WITH_RC4_128_SHA, in the
     * server's order; RSA-2048 leaf from the farm CA. Scripted ({@link ScriptedTargetSpec}): BoringSSL,
     * OpenSSL 3 as built here, the JDK and Bouncy Castle all refuse to serve 3DES and RC4. What a
     * strong-crypto client meets when a server only has legacy suites left in TLS 1.2.
     */
    public static ScriptedTargetSpec legacy3desRc4() {
        return ScriptedTargetSpec.of("legacy-3des-rc4", EnumSet.of(TLS1_0, TLS1_2),
                List.of("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_RC4_128_SHA"));
    }

    /**
     * Flaky fronts ({@link FlakyTargetSpec}) before a good TLS 1.2 server, each with a backend of its own (the
     * {@link #serverOrdered()} configuration): one drops every other connection, one one connection in ten,
     * each with a reset and with a close. Not part of {@link #all()}: a scan of them is not expected to be
     * exact every time, only never wrong without saying so.
     */
    public static List<FlakyTargetSpec> flaky() {
        List<FlakyTargetSpec> specs = new ArrayList<>();
        for (FlakyTargetSpec.Drop drop : FlakyTargetSpec.Drop.values()) {
            String how = drop.name().toLowerCase(java.util.Locale.ROOT);
            specs.add(flaky("flaky-every-other-" + how, 1, 2, drop));
            specs.add(flaky("flaky-one-in-ten-" + how, 1, 10, drop));
        }
        return List.copyOf(specs);
    }

    /**
     * A front that answers only one connection in five (resetting the others) before a good TLS 1.2 server:
     * asked again up to four times, many hellos still get no answer, so a scan can only report what it saw and
     * that the answers contradict each other.
     */
    public static FlakyTargetSpec mostlyDown() {
        return flaky("flaky-mostly-down", 4, 5, FlakyTargetSpec.Drop.RESET);
    }

    /** What {@code tlsweep demo} scans: {@link #all()} and the {@link #mostlyDown()} front. */
    public static List<TargetSpec> demo() {
        List<TargetSpec> specs = new ArrayList<>(all());
        specs.add(mostlyDown());
        return List.copyOf(specs);
    }

    private static FlakyTargetSpec flaky(String name, int dropped, int every, FlakyTargetSpec.Drop drop) {
        return FlakyTargetSpec.of(name, serverOrdered().toBuilder().name(name + "-backend").build(), dropped, every,
                drop);
    }

    /** TLS 1.2 BoringSSL targets that differ only in the certificate they present. */
    public static List<TlsTargetSpec> certificateVariants() {
        return List.of(
                certificateVariant("cert-self-signed", CertificateSpec.selfSignedRsa()),
                certificateVariant("cert-expired", CertificateSpec.expired()),
                certificateVariant("cert-not-yet-valid", CertificateSpec.notYetValid()),
                certificateVariant("cert-wrong-name", CertificateSpec.wrongName()),
                certificateVariant("cert-rsa1024", CertificateSpec.rsa1024()),
                certificateVariant("cert-sha1", CertificateSpec.sha1Signed()),
                certificateVariant("cert-hostile-subject", CertificateSpec.rsa2048().withSubject(HOSTILE_CN, HOSTILE_O)));
    }

    private static TlsTargetSpec certificateVariant(String name, CertificateSpec certificate) {
        return TargetSpec.tls(name).stack(TlsStack.BORINGSSL).versions(TLS1_2)
                .cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256")
                .certificate(certificate)
                .build();
    }

    /** One hostile target per behaviour, named after it ({@code hostile-silent}, ...). */
    public static List<HostileTargetSpec> hostile() {
        List<HostileTargetSpec> specs = new ArrayList<>();
        for (Behaviour b : Behaviour.values()) {
            specs.add(TargetSpec.hostile(hostileName(b), b));
        }
        return List.copyOf(specs);
    }

    /** {@code hostile-} plus the behaviour in lower-case with dashes, e.g. {@code hostile-slow-drip}. */
    public static String hostileName(Behaviour behaviour) {
        return "hostile-" + behaviour.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
