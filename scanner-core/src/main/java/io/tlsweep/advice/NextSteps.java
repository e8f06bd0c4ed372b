package io.tlsweep.advice;

import io.tlsweep.analysis.Verdict;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The next steps of one endpoint, from its verdict, the versions it accepts and the suites it accepts: an endpoint
 * that breaks without legacy versions gets TLS 1.2 turned on; one whose TLS 1.2 has only suites strong-crypto
 * clients no longer offer gets modern suites turned on; one that still accepts legacy versions gets them switched
 * off; any that accepts a broken suite (NULL, anonymous, export, RC4, RC2, DES, 3DES) gets it removed, by name.
 * Each step says where it is set when the software is known ({@link SoftwareGuess}), and how it was told, else where
 * to look in general.
 * Other verdicts (ready, unreachable, not TLS...) get no step unless a broken suite was accepted.
 */
public final class NextSteps {
    /** Weaknesses that make a suite one to remove at once (CBC and HMAC-MD5 alone do not). */
    static final Set<Weakness> BROKEN = EnumSet.of(Weakness.NULL, Weakness.ANONYMOUS, Weakness.EXPORT,
            Weakness.RC4, Weakness.RC2, Weakness.DES, Weakness.TRIPLE_DES);
    /** Versions below TLS 1.2, as result lines name them. */
    static final List<String> LEGACY = List.of("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1");
    /** Suites named in a step before "and N more". */
    static final int SUITES_NAMED = 4;
    /** Where to look when the software is not known. */
    static final String UNKNOWN_WHERE = "the server's TLS settings (software not identified; e.g. nginx"
            + " ssl_protocols, Apache SSLProtocol, the Windows Schannel registry)";

    private NextSteps() {
    }

    /**
     * @param versions the versions accepted, as result lines name them ("TLSv1.0")
     * @param suites every suite accepted, over all versions
     */
    public static List<NextStep> of(Verdict verdict, List<String> versions, List<CipherSuite> suites,
            Optional<SoftwareGuess> software) {
        List<String> legacy = versions.stream().filter(LEGACY::contains).distinct().toList();
        List<NextStep> steps = new ArrayList<>();
        switch (verdict) {
            case BREAKS_WITHOUT_LEGACY -> steps.add(step("enable TLS 1.2 (and 1.3) with ECDHE AES-GCM suites"
                    + (legacy.isEmpty() ? "" : ", then switch off " + String.join(", ", legacy)),
                    software, Software::enableModern, Software::source));
            case NO_COMMON_ALGORITHM_RISK -> steps.add(step("enable ECDHE AES-GCM suites for TLS 1.2 (e.g."
                    + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)", software, Software::suites, Software::suitesSource));
            case LEGACY_ENABLED -> {
                if (!legacy.isEmpty()) {
                    steps.add(step("switch off " + String.join(", ", legacy),
                            software, sw -> sw.versionsOff(legacy), Software::source));
                }
            }
            default -> {
            }
        }
        List<CipherSuite> broken = suites.stream().filter(c -> c.weaknesses().stream().anyMatch(BROKEN::contains))
                .distinct().toList();
        if (!broken.isEmpty()) {
            steps.add(step("remove " + kinds(broken) + " suites: " + names(broken), software, Software::suites,
                    Software::suitesSource));
        }
        return List.copyOf(steps);
    }

    /** {@code where} on the software told by {@code software}, with how it was told; else {@link #UNKNOWN_WHERE}. */
    private static NextStep step(String step, Optional<SoftwareGuess> software, Function<Software, String> where,
            Function<Software, String> source) {
        return software.map(g -> new NextStep(step, where.apply(g.software()) + " (" + g.because() + ")",
                Optional.of(source.apply(g.software())))).orElseGet(() -> new NextStep(step, UNKNOWN_WHERE,
                Optional.empty()));
    }

    /** "RC4/3DES": the broken weaknesses the suites have, in the enum's order. */
    static String kinds(List<CipherSuite> broken) {
        Set<Weakness> found = EnumSet.noneOf(Weakness.class);
        broken.forEach(c -> c.weaknesses().stream().filter(BROKEN::contains).forEach(found::add));
        return found.stream().map(NextSteps::shortName).collect(Collectors.joining("/"));
    }

    private static String names(List<CipherSuite> broken) {
        Set<String> names = new LinkedHashSet<>();
        broken.forEach(c -> names.add(c.ianaName()));
        String named = names.stream().limit(SUITES_NAMED).collect(Collectors.joining(", "));
        return names.size() > SUITES_NAMED ? named + " and " + (names.size() - SUITES_NAMED) + " more" : named;
    }

    static String shortName(Weakness w) {
        return switch (w) {
            case TRIPLE_DES -> "3DES";
            case ANONYMOUS -> "anonymous";
            case EXPORT -> "export";
            default -> w.name();
        };
    }
}
