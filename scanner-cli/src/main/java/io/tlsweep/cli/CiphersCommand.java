package io.tlsweep.cli;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.Weakness;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep ciphers}: search the cipher suite registry. */
@Command(name = "ciphers", mixinStandardHelpOptions = true,
        description = "List or search the cipher suites tlsweep knows, with their properties.",
        footer = {"", "Examples:",
            "  tlsweep ciphers                       every suite",
            "  tlsweep ciphers 0xC02F                by code",
            "  tlsweep ciphers ECDHE-RSA-AES128      by OpenSSL or IANA name (substring, any case)",
            "  tlsweep ciphers --version TLSv1.0 --weak   weak suites a TLS 1.0 server could pick",
            "  tlsweep ciphers --weakness 3des,rc4   suites with either weakness"})
final class CiphersCommand implements Callable<Integer> {
    /** Its own help option: the standard ones would take --version, which here names a TLS version. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "QUERY", description = "Code (0xC02F) or part of an IANA/OpenSSL name.")
    private List<String> queries = List.of();

    @Option(names = "--version", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Only suites usable in this version (SSLv3, TLSv1.0 ... TLSv1.3).")
    private ProtocolVersion version;

    @Option(names = "--weak", description = "Only suites with any weakness (those of --weakness, cbc included).")
    private boolean weakOnly;

    @Option(names = "--weakness", split = ",", paramLabel = "NAME", converter = WeaknessConverter.class,
            completionCandidates = WeaknessConverter.class, description = "Only suites with one of these"
            + " weaknesses: ${COMPLETION-CANDIDATES} (any case; older spellings such as 3DES, TRIPLE_DES, aNULL,"
            + " EXP are read too).")
    private List<Weakness> weaknesses = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CipherSuite> all = version == null ? CipherSuites.all() : CipherSuites.forVersion(version);
        List<CipherSuite> hits = all.stream().filter(this::matches).filter(s -> !weakOnly || s.isWeak())
                .filter(s -> weaknesses.isEmpty() || weaknesses.stream().anyMatch(s.weaknesses()::contains)).toList();
        if (hits.isEmpty()) {
            List<String> asked = new ArrayList<>(queries);
            if (!weaknesses.isEmpty()) {
                asked.add("with the weakness " + weaknesses.stream().map(Weakness::label)
                        .collect(Collectors.joining(" or ")));
            }
            if (version != null) {
                asked.add("in " + version.displayName());
            }
            spec.commandLine().getErr().println("no cipher suite matches " + String.join(" ", asked));
            return ExitCodes.USAGE;
        }
        out.printf("%-6s  %-48s  %-30s  %-8s  %-6s  %-17s %4s  %-6s  %-9s  %s%n", "code", "IANA name",
                "OpenSSL name", "kx", "auth", "cipher", "bits", "mac", "versions", "weaknesses");
        for (CipherSuite s : hits) {
            out.printf("%-6s  %-48s  %-30s  %-8s  %-6s  %-17s %4d  %-6s  %-9s  %s%n", Hex.u16(s.code()),
                    s.ianaName(), s.opensslName().orElse("-"), s.keyExchange(), s.authentication(), s.cipher(),
                    s.keyBits(), s.mac(), versions(s), weaknesses(s));
        }
        out.printf("%d suite(s)%n", hits.size());
        return ExitCodes.OK;
    }

    private boolean matches(CipherSuite s) {
        if (queries.isEmpty()) {
            return true;
        }
        for (String q : queries) {
            int code = Hex.parseU16(q);
            if (q.toLowerCase(Locale.ROOT).startsWith("0x") && code == s.code()) {
                return true;
            }
            String needle = q.toUpperCase(Locale.ROOT);
            if (s.ianaName().toUpperCase(Locale.ROOT).contains(needle)
                    || s.opensslName().map(n -> n.toUpperCase(Locale.ROOT).contains(needle)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static String versions(CipherSuite s) {
        String min = s.minVersion().map(ProtocolVersion::displayName).orElse("?");
        String max = s.maxVersion().map(ProtocolVersion::displayName).orElse("?");
        return min.equals(max) ? min : min.replace("TLSv", "") + "-" + max.replace("TLSv", "");
    }

    private static String weaknesses(CipherSuite s) {
        return s.weaknesses().isEmpty() ? "-" : s.weaknesses().stream().map(Weakness::label)
                .collect(Collectors.joining(","));
    }
}
