package io.tlsweep.analysis;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a what-if switches off on every server: protocol versions, classes of suites by weakness (rc4, 3des...)
 * and named suites. Parsed from {@code --assume-disabled TLSv1.0,TLSv1.1,RC4}.
 */
public record Assumption(Set<ProtocolVersion> versions, Set<Weakness> classes, Set<CipherSuite> suites) {

    public Assumption {
        versions = Set.copyOf(versions);
        classes = classes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(classes));
        suites = Set.copyOf(suites);
    }

    /**
     * Parses a comma-separated list of versions (SSLv3, TLSv1.0...), weaknesses (suite classes: {@link
     * Weakness#byName} reads their labels and aliases, any case) and suite names (IANA or OpenSSL).
     *
     * @throws IllegalArgumentException naming the token that is none of these
     */
    public static Assumption parse(String text) {
        Set<ProtocolVersion> versions = new LinkedHashSet<>();
        Set<Weakness> classes = new LinkedHashSet<>();
        Set<CipherSuite> suites = new LinkedHashSet<>();
        int position = 0;
        for (String raw : text.split(",")) {
            position++;
            String token = raw.trim();
            if (token.isEmpty()) {
                continue;
            }
            Optional<ProtocolVersion> v = ProtocolVersion.parse(token).filter(ProtocolVersion.HELLO_VERSIONS::contains);
            Optional<Weakness> w = Weakness.byName(token);
            Optional<CipherSuite> s = CipherSuite.byName(token).filter(CipherSuite::isKnown);
            if (v.isPresent()) {
                versions.add(v.get());
            } else if (w.isPresent()) {
                classes.add(w.get());
            } else if (s.isPresent()) {
                suites.add(s.get());
            } else {
                throw new IllegalArgumentException("'" + token + "' (item " + position + " of \"" + text + "\") is"
                        + " not a protocol version (SSLv3, TLSv1.0 ... TLSv1.3), a weakness (" + Weakness.vocabulary()
                        + ") or a cipher suite name");
            }
        }
        if (versions.isEmpty() && classes.isEmpty() && suites.isEmpty()) {
            throw new IllegalArgumentException("nothing to assume disabled in \"" + text + "\"");
        }
        return new Assumption(versions, classes, suites);
    }

    /** Whether a server under this assumption would still accept {@code suite}. */
    public boolean disables(CipherSuite suite) {
        return suites.contains(suite) || suite.weaknesses().stream().anyMatch(classes::contains);
    }

    /** "TLSv1.0, TLSv1.1, rc4": what is switched off, in words for a report (weaknesses by their labels). */
    public String label() {
        List<String> parts = new ArrayList<>();
        versions.stream().sorted().map(ProtocolVersion::displayName).forEach(parts::add);
        classes.stream().sorted().map(Weakness::label).forEach(parts::add);
        suites.stream().map(CipherSuite::ianaName).sorted().forEach(parts::add);
        return parts.stream().collect(Collectors.joining(", "));
    }
}
