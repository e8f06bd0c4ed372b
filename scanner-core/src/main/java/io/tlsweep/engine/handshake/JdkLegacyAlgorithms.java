package io.tlsweep.engine.handshake;

import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets the JDK provider offer TLS 1.0, TLS 1.1 and 3DES, which {@code jdk.tls.disabledAlgorithms} forbids.
 *
 * <p><b>This is JVM-wide and only on explicit request.</b> The JDK (and Bouncy Castle JSSE) read that
 * security property once, when their TLS classes first initialise, and an {@code SSLParameters}
 * algorithm constraint can only add restrictions, never lift these; so there is no per-context way.
 * {@link #allowGlobally()} removes {@code TLSv1}, {@code TLSv1.1} and {@code 3DES_EDE_CBC} from the
 * property for the whole JVM (the tlsweep process), and must run before any TLS is used in it. It never
 * happens by default.
 *
 * <p>Text for {@code --help}: "--jdk-legacy: let the JDK provider offer TLS 1.0, TLS 1.1 and 3DES by
 * removing them from jdk.tls.disabledAlgorithms for this tlsweep process only (the JDK reads that setting
 * once per process; nothing is changed on disk). Not needed with --provider boringssl, which offers legacy
 * versions on its own contexts."
 */
public final class JdkLegacyAlgorithms {
    /** The entries removed from {@code jdk.tls.disabledAlgorithms}. */
    public static final Set<String> LIFTED = Set.of("TLSv1", "TLSv1.1", "3DES_EDE_CBC");
    private static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    private JdkLegacyAlgorithms() {
    }

    /**
     * Removes {@link #LIFTED} from {@code jdk.tls.disabledAlgorithms} for this JVM and returns the value it
     * had. Call it at start-up, before the first TLS handshake or {@code SSLContext} of the process; later
     * it has no effect on the JDK's already initialised constraints.
     */
    public static String allowGlobally() {
        String before = Security.getProperty(PROPERTY);
        Security.setProperty(PROPERTY, without(before, LIFTED));
        return before;
    }

    /**
     * The entries of {@code jdk.tls.disabledAlgorithms} as this JVM has it now that keep the JDK from doing what
     * {@code spec} asks: its versions' names ({@code TLSv1}, {@code TLSv1.1}) and {@code 3DES_EDE_CBC} for its 3DES
     * suites; only those {@link #allowGlobally()} lifts. Empty when nothing of {@code spec} is disabled.
     */
    public static List<String> refusing(HandshakeSpec spec) {
        return refusing(spec, Security.getProperty(PROPERTY));
    }

    /** As the other, with the property's value given. */
    static List<String> refusing(HandshakeSpec spec, String disabledAlgorithms) {
        Set<String> disabled = disabledAlgorithms == null ? Set.of() : Arrays.stream(disabledAlgorithms.split(","))
                .map(String::trim).collect(Collectors.toSet());
        List<String> needed = new ArrayList<>(spec.versions().stream().map(HandshakeSpec::javaName).toList());
        if (spec.cipherSuites().stream().anyMatch(s -> s.ianaName().contains("3DES_EDE_CBC"))) {
            needed.add("3DES_EDE_CBC");
        }
        return needed.stream().filter(n -> LIFTED.contains(n) && disabled.contains(n)).toList();
    }

    /** {@code value} (a comma-separated list) without the given entries, order kept. */
    static String without(String value, Set<String> entries) {
        if (value == null) {
            return "";
        }
        List<String> kept = Arrays.stream(value.split(",")).map(String::trim)
                .filter(e -> !e.isEmpty() && !entries.contains(e)).toList();
        return kept.stream().collect(Collectors.joining(", "));
    }
}
