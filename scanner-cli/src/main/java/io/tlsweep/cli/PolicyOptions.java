package io.tlsweep.cli;

import io.tlsweep.policy.Policy;
import io.tlsweep.policy.PolicyFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --policy NAME[,NAME|FILE]}: the compliance policies every endpoint is judged against, built-in ones by
 * name ({@code tlsweep policies} lists them) or a user's policy file by its path. A name that is neither, or a file
 * that does not load, is a usage error naming the option.
 */
final class PolicyOptions {
    @Option(names = "--policy", split = ",", paramLabel = "NAME|FILE", converter = Reader.class,
            completionCandidates = Reader.class,
            description = "Judge each endpoint against these compliance policies: built-in names (tlsweep policies"
                    + " lists them) or policy files; each endpoint's line, endpoints.csv, report.html, summary.json"
                    + " and the table say compliant or not, with every failed rule and its source.")
    private List<Policy> policies = new ArrayList<>();

    /** The policies chosen, or empty after telling {@code err} that two share an id (exit code 2). */
    Optional<List<Policy>> settle(PrintWriter err, String command) {
        Set<String> seen = new HashSet<>();
        for (Policy p : policies) {
            if (!seen.add(p.id())) {
                err.println(command + ": --policy: policy '" + p.id() + "' given twice");
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(policies));
    }

    /** Reads one name or file; as completion candidates, the built-in names. */
    static final class Reader implements ITypeConverter<Policy>, Iterable<String> {
        @Override
        public Policy convert(String value) {
            Optional<Policy> builtIn = PolicyFile.named(value);
            if (builtIn.isPresent()) {
                return builtIn.get();
            }
            Path file = Path.of(value);
            if (!Files.isRegularFile(file)) {
                throw new TypeConversionException("'" + value + "' is neither a built-in policy (" + String.join(
                        ", ", PolicyFile.BUILT_IN) + ") nor a policy file");
            }
            PolicyFile.Load load;
            try {
                load = PolicyFile.parse(Files.readString(file), value);
            } catch (MalformedInputException e) {
                throw new TypeConversionException(value + ": not UTF-8 text");
            } catch (IOException e) {
                throw new TypeConversionException(value + ": cannot be read (" + e.getMessage() + ")");
            }
            if (load.policy().isEmpty()) {
                throw new TypeConversionException(String.join("; ", load.errors()));
            }
            return load.policy().get();
        }

        @Override
        public Iterator<String> iterator() {
            return PolicyFile.BUILT_IN.iterator();
        }
    }
}
