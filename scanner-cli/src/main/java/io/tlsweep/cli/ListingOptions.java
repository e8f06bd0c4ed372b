package io.tlsweep.cli;

import io.tlsweep.report.Listing;
import io.tlsweep.report.VerdictTable;
import picocli.CommandLine.Option;

/**
 * {@code --only-answering} (as nmap's {@code --open}) and {@code --all}: which endpoints the reports list. An
 * endpoint where nothing answered is one whose connect was refused or timed out, whose name did not resolve, or
 * that was reset, closed or silent before any reply; results.jsonl keeps them whatever is chosen.
 */
final class ListingOptions {
    @Option(names = "--only-answering", description = "Leave endpoints where nothing answered (refused, connect or"
            + " read timeout, name not resolved, reset or closed before any reply) out of endpoints.csv and"
            + " report.html's tables; they are still counted, and kept in results.jsonl.")
    private boolean onlyAnswering;

    @Option(names = VerdictTable.ALL_OPTION, description = "List every endpoint in the table on stdout, those where"
            + " nothing answered too (default: the endpoints that answered, and a count of the rest).")
    private boolean all;

    Listing listing() {
        return new Listing(onlyAnswering, all);
    }
}
