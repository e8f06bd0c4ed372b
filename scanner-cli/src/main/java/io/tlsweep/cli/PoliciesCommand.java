package io.tlsweep.cli;

import io.tlsweep.policy.Policy;
import io.tlsweep.policy.PolicyFile;
import io.tlsweep.policy.PolicyRule;
import io.tlsweep.policy.PolicySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tlsweep policies}: the built-in compliance policies, one in full, or a user's policy file checked. */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "List the compliance policies tlsweep judges endpoints against (Mozilla Server Side TLS,"
                + " NIST SP 800-52, BSI TR-02102-2, PCI DSS), show one policy's rules each with its source, or"
                + " check a policy file of your own and show it.",
        footer = {"", "Examples:",
            "  tlsweep policies                          every built-in policy, its rule count and sources",
            "  tlsweep policies pci-dss-4                its rules, what each tests and where it comes from",
            "  tlsweep policies --file ours.json         your own policy file checked, then shown"})
final class PoliciesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Built-in policies to show in full.")
    private List<String> names = List.of();

    @Option(names = "--file", paramLabel = "FILE", description = "Check the policy file FILE and show its rules.")
    private Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Policy> shown = new ArrayList<>();
        for (String name : names) {
            Optional<Policy> p = PolicyFile.named(name);
            if (p.isEmpty()) {
                err.println("tlsweep policies: no built-in policy '" + name + "' (" + String.join(", ",
                        PolicyFile.BUILT_IN) + ")");
                return ExitCodes.USAGE;
            }
            shown.add(p.get());
        }
        if (file != null) {
            PolicyFile.Load load;
            try {
                load = PolicyFile.parse(Files.readString(file), file.toString());
            } catch (NoSuchFileException e) {
                err.println("tlsweep policies: " + file + ": no such file");
                return ExitCodes.USAGE;
            } catch (IOException e) {
                err.println("tlsweep policies: " + file + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            load.errors().forEach(e -> err.println("tlsweep policies: " + e));
            if (load.policy().isEmpty()) {
                return ExitCodes.USAGE;
            }
            shown.add(load.policy().get());
        }
        if (shown.isEmpty()) {
            list(out);
        }
        shown.forEach(p -> show(out, p));
        return ExitCodes.OK;
    }

    private static void list(PrintWriter out) {
        out.printf("%-22s %5s  %s%n", "id", "rules", "name");
        for (Policy p : PolicyFile.builtIn()) {
            out.printf("%-22s %5d  %s%n", p.id(), p.rules().size(), p.name());
            p.rules().stream().map(PolicyRule::source).map(s -> s.document() + url(s)).distinct()
                    .forEach(s -> out.printf("%-22s %5s  source: %s%n", "", "", s));
        }
        out.printf("%d policies; `tlsweep policies NAME` shows one with the source of every rule%n",
                PolicyFile.BUILT_IN.size());
    }

    private static void show(PrintWriter out, Policy p) {
        out.printf("%s: %s (%d rule%s)%n", p.id(), p.name(), p.rules().size(), p.rules().size() == 1 ? "" : "s");
        for (PolicyRule r : p.rules()) {
            out.printf("  %-18s %s%n", r.id(), r.description());
            out.printf("  %-18s %s: %s%n", "", r.requirement().test(), r.requirement().value());
            out.printf("  %-18s [%s]%s%n", "", r.source().cite() + url(r.source()),
                    r.source().note().isEmpty() ? "" : " " + r.source().note());
        }
        out.println();
    }

    private static String url(PolicySource s) {
        return s.url().isEmpty() ? "" : " <" + s.url() + ">";
    }
}
