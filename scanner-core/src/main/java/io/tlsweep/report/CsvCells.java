package io.tlsweep.report;

/**
 * Cell values for CSV files that a spreadsheet will open. A cell that starts with {@code = + - @}, a tab or
 * a carriage return is taken for a formula by Excel, LibreOffice and Google Sheets, so such a cell gets a
 * leading apostrophe (OWASP "CSV Injection" guidance); the spreadsheet then shows it as text.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The text to store for {@code value}: empty for null, apostrophe-prefixed if it could start a formula. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return startsFormula(value.charAt(0)) ? "'" + value : value;
    }

    static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
