package io.tlsweep.report;

import io.tlsweep.text.VisibleText;

/**
 * Cell values for CSV files that a spreadsheet will open. Control characters (ESC, BEL, NUL, line breaks...)
 * and bidirectional overrides are shown as escapes ({@link VisibleText}: ESC is {@code \x1b}), so neither a
 * terminal that cats the file nor a viewer is driven by them. A cell that then starts with {@code = + - @} is
 * taken for a formula by Excel, LibreOffice and Google Sheets, so it gets a leading apostrophe (OWASP "CSV
 * Injection" guidance); the spreadsheet then shows it as text.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /**
     * The text to store for {@code value}: empty for null, controls escaped, apostrophe-prefixed if it could
     * start a formula.
     */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String visible = VisibleText.of(value);
        return startsFormula(visible.charAt(0)) ? "'" + visible : visible;
    }

    /** A tab or carriage return lead, also a formula lead, never gets here: it is escaped by then. */
    static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@';
    }
}
