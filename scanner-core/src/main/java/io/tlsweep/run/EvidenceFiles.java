package io.tlsweep.run;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceReaders;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.Position;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.evidence.TallyOptions;
import io.tlsweep.evidence.WindowStart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Evidence inputs read into one tally, as {@code tlsweep evidence} and a sweep's {@code evidence:} section both
 * read them: each file opened (gzip or plain), its format given or recognised, streamed into the tally; a file that
 * cannot be opened is named and the others are read.
 */
public final class EvidenceFiles {
    /** The name {@code -} reads standard input. */
    public static final String STDIN = "-";

    private EvidenceFiles() {
    }

    /**
     * How the tally counts: clients identified by the built-in profiles' matcher, and the window and endpoint given.
     *
     * @param since {@code --since}: a duration back from {@code now}, a date or an instant; null for none
     * @param endpoint {@code --endpoint} HOST:PORT; null for none
     * @throws IllegalArgumentException naming the value that is wrong and what it should be
     */
    public static TallyOptions options(String since, String endpoint, Instant now) {
        TallyOptions options = TallyOptions.DEFAULTS.identify(ProfileMatcher.builtIn()::identify);
        if (since != null) {
            Instant from = WindowStart.parse(since, now).orElseThrow(() -> new IllegalArgumentException("'" + since
                    + "' is not a duration (30d, 12h, 90m, P30D), a date (2026-11-01) or an instant"
                    + " (2026-11-01T08:00:00Z)"));
            options = options.since(from);
        }
        if (endpoint != null) {
            HostPort given = HostPort.parse(endpoint).orElseThrow(() -> new IllegalArgumentException("'" + endpoint
                    + "' is not HOST:PORT ([IPv6]:PORT for IPv6, port 1-65535)"));
            options = options.endpoint(given.host(), given.port());
        }
        return options;
    }

    /** The reader named {@code format}; IAE naming the formats there are. */
    public static Optional<EvidenceReader> format(String format) {
        if (format == null) {
            return Optional.empty();
        }
        return Optional.of(EvidenceReaders.named(format).orElseThrow(() -> new IllegalArgumentException(
                "unknown format '" + format + "' (known: " + EvidenceReaders.names() + ")")));
    }

    /**
     * Reads every file into {@code tally}; returns how many could not be opened (each named to {@code errors}).
     *
     * @param stdin what {@link #STDIN} reads (the command's standard input)
     */
    public static int read(List<String> files, Optional<EvidenceReader> reader, EvidenceTally tally,
            InputStream stdin, Consumer<String> errors) {
        int unopened = 0;
        for (String file : files) {
            String name = file.equals(STDIN) ? "stdin" : file;
            tally.input(name);
            EvidenceInput in;
            try {
                in = file.equals(STDIN) ? EvidenceInput.of(name, stdin) : EvidenceInput.open(Path.of(file));
            } catch (IOException | RuntimeException e) {
                String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
                errors.accept("cannot open " + name + ": " + why);
                tally.problem(new EvidenceProblem(Position.offset(name, 0), "cannot be opened: " + why));
                unopened++;
                continue;
            }
            try (in) {
                EvidenceReaders.read(in, reader, tally);
            } catch (IOException e) {
                errors.accept("closing " + name + ": " + e.getMessage());
            }
        }
        return unopened;
    }

    /** A {@code HOST:PORT} or {@code [IPv6]:PORT}, as {@code --endpoint} takes it. */
    public record HostPort(String host, int port) {
        /** The endpoint {@code text} names; empty when it is not one. */
        public static Optional<HostPort> parse(String text) {
            String t = text.strip();
            int colon = t.lastIndexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
                return Optional.empty();
            }
            int port;
            try {
                port = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return host.isEmpty() || host.chars().anyMatch(c -> c <= ' ') || port < 1 || port > 65535
                    ? Optional.empty() : Optional.of(new HostPort(host, port));
        }
    }
}
