package io.tlsweep.report;

/**
 * Which endpoints the reports list, as the user asked.
 *
 * @param onlyAnswering endpoints where nothing answered ({@link NoAnswer}) are left out of endpoints.csv and of
 *     report.html's tables (counted all the same; results.jsonl keeps them)
 * @param all the verdict table on stdout lists them too (by default it lists the endpoints that answered and
 *     counts the rest)
 */
public record Listing(boolean onlyAnswering, boolean all) {
    /** Every endpoint in the files, answering endpoints in the table. */
    public static final Listing DEFAULT = new Listing(false, false);
}
