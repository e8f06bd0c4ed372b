package io.tlsweep.cli;

import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.profile.ProfileSource;
import io.tlsweep.run.InputFiles;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep profiles}: the client profiles, and every fact of one with its sources. */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = "List the client profiles tlsweep predicts and confirms (Windows Schannel, WinHTTP, .NET,"
                + " Java, OpenSSL, a browser, Remote Desktop and SQL Server clients) and the services whose endpoints"
                + " each one talks to (all: every endpoint), or show one profile's facts, each with its source.",
        footer = {"", "Examples:",
            "  tlsweep profiles                          every profile",
            "  tlsweep profiles winhttp-win7-a0          its versions, suites, groups... and their sources",
            "  tlsweep profiles --profiles mine.json     the built-in profiles plus (or replaced by) your own"})
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Profiles to show in full.")
    private List<String> ids = List.of();

    @Option(names = "--profiles", paramLabel = "FILE", description = "Also load client profiles from FILE.")
    private Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProfileCatalog catalog = ProfileFile.builtIn();
        boolean errors = false;
        if (file != null) {
            ProfileFile.Load load = InputFiles.profiles(file);
            load.errors().forEach(e -> err.println("tlsweep profiles: " + e));
            errors = !load.errors().isEmpty();
            catalog = catalog.plus(load.catalog());
        }
        if (ids.isEmpty()) {
            out.printf("%-32s %-8s %-29s %6s  %-8s %s%n", "id", "family", "versions", "suites", "services", "name");
            for (ClientProfile p : catalog.profiles()) {
                out.printf("%-32s %-8s %-29s %6d  %-8s %s%n", p.id(), p.family(), versions(p.versions().value()),
                        p.cipherSuites().value().size() + p.tls13CipherSuites().value().size(), services(p),
                        p.name());
            }
            out.printf("%d profile(s); `tlsweep profiles ID` shows one with the source of every fact%n",
                    catalog.profiles().size());
            return errors ? ExitCodes.USAGE : ExitCodes.OK;
        }
        try {
            for (ClientProfile p : catalog.select(ids).profiles()) {
                show(out, p, catalog.sources());
            }
        } catch (IllegalArgumentException e) {
            err.println("tlsweep profiles: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return errors ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private static void show(PrintWriter out, ClientProfile p, Map<String, ProfileSource> sources) {
        out.printf("%s: %s (%s)%n", p.id(), p.name(), p.family());
        p.facts().forEach((field, fact) -> {
            out.printf("  %-20s %s%n", field, value(fact.value()));
            out.printf("  %-20s [%s, confidence %s]%s%n", "", String.join(", ", fact.sources()),
                    fact.confidence(), fact.note().isEmpty() ? "" : " " + fact.note());
        });
        ProfileHello.deviations(p).forEach(d -> out.println("  sent as: " + d));
        out.println("  sources:");
        p.citedSources().forEach(key -> {
            ProfileSource s = sources.get(key);
            out.printf("    %-10s %s%s%n", key, s.title(), s.url().isEmpty() ? "" : " <" + s.url() + ">");
        });
        out.println();
    }

    private static String value(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : list.stream().map(e -> e instanceof CipherSuite s
                    ? Hex.u16(s.code()) + " " + s.ianaName() : e.toString()).collect(Collectors.joining(", "));
        }
        return String.valueOf(v);
    }

    /** The services a profile is limited to, or "all" for a client of every endpoint. */
    private static String services(ClientProfile p) {
        return p.services().map(f -> String.join(",", f.value())).orElse("all");
    }

    private static String versions(List<ProtocolVersion> versions) {
        return versions.stream().map(ProtocolVersion::displayName).collect(Collectors.joining(","));
    }
}
