package io.tlsweep.cli;

import picocli.CommandLine.Option;

/** {@code -c/--concurrency}: connections in flight at once, for the commands that scan and for
 * {@code bench} (where it also caps the connections open to its one endpoint). */
final class ConcurrencyOption {
    @Option(names = {"-c", "--concurrency"}, paramLabel = "N", converter = Bounds.AtLeastOne.class,
            description = "Connections in flight over all hosts (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    /** @param defaultValue the command's default */
    ConcurrencyOption(int defaultValue) {
        this.concurrency = defaultValue;
    }

    int value() {
        return concurrency;
    }
}
