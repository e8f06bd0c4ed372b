package io.tlsweep.profile;

/**
 * What a client shows when a handshake fails, in its own words: the words of the help-desk ticket.
 *
 * @param code the status or error code ("0x80090326", "10054", "ERR_CONNECTION_RESET"), empty when the
 *     client has none
 * @param text its message
 * @param application what the application layer above says (.NET's WebException text), empty when the
 *     client has no such layer or the sources do not say
 * @param source where the mapping comes from
 */
public record ClientMessage(String code, String text, String application, String source) {

    /** "0x80090326 The message received was unexpected or badly formatted." in one line. */
    public String oneLine() {
        String base = code.isEmpty() ? text : code + " " + text;
        return application.isEmpty() ? base : application + " (" + base + ")";
    }
}
