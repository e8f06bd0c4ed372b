package io.tlsweep.targets.tls;

import java.security.Security;
import java.util.Arrays;
import java.util.List;

/**
 * A reading of the {@code jdk.tls.disabledAlgorithms} security property, which both SunJSSE and
 * Bouncy Castle JSSE obey. The farm never changes the property; it refuses specs that ask a JDK or
 * BC target for something the property forbids, so that a manifest never promises it.
 * Only the plain entries are read (protocol names and suite name components such as
 * {@code 3DES_EDE_CBC}, {@code RC4}, {@code anon}, {@code NULL}, {@code ECDH}); size constraints
 * such as {@code DH keySize < 1024} are ignored.
 */
final class DisabledAlgorithms {

    private final List<String> entries;

    private DisabledAlgorithms(List<String> entries) {
        this.entries = entries;
    }

    static DisabledAlgorithms fromSecurityProperties() {
        String value = Security.getProperty("jdk.tls.disabledAlgorithms");
        List<String> entries = value == null ? List.of() : Arrays.stream(value.split(","))
                .map(String::trim).filter(e -> !e.isEmpty() && !e.contains(" ")).toList();
        return new DisabledAlgorithms(entries);
    }

    boolean disablesProtocol(String javaName) {
        return entries.contains(javaName);
    }

    /** Whether an entry equals one or several consecutive '_'-separated components of the suite name. */
    boolean disablesSuite(String ianaName) {
        String padded = "_" + ianaName + "_";
        return entries.stream().anyMatch(e -> padded.contains("_" + e + "_"));
    }
}
