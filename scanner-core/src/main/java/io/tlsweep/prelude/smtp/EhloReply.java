package io.tlsweep.prelude.smtp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The extensions of a positive EHLO (LHLO) reply (RFC 5321 §4.1.1.1): the first line greets, each further line
 * names an extension, a keyword and its parameters. Gathered one line at a time, within bounds: at most
 * {@value #MAX_MECHANISMS} SASL mechanisms of at most {@value #MAX_MECHANISM} characters each are kept.
 */
final class EhloReply {
    static final int MAX_MECHANISMS = 32;
    static final int MAX_MECHANISM = 40;
    private static final int MAX_KEYWORDS_SHOWN = 12;

    private final List<String> keywords = new ArrayList<>();
    private final Set<String> mechanisms = new LinkedHashSet<>();
    private boolean starttls;
    private boolean greeted;

    /** Takes the text of the reply's next line. */
    void line(String text) {
        if (!greeted) {
            greeted = true; // "mail.example.com Hello client": no extension
            return;
        }
        String[] words = text.strip().split("[ \t]+");
        if (words.length == 0 || words[0].isEmpty()) {
            return;
        }
        String keyword = words[0].toUpperCase(Locale.ROOT);
        int first = 1;
        if (keyword.startsWith("AUTH=")) { // the form of the AUTH draft that old clients read: AUTH=LOGIN PLAIN
            words[0] = keyword.substring("AUTH=".length());
            keyword = "AUTH";
            first = 0;
        }
        if (keywords.size() < MAX_KEYWORDS_SHOWN && !keywords.contains(keyword)) {
            keywords.add(SmtpFacts.cut(keyword, MAX_MECHANISM));
        }
        if (keyword.equals("STARTTLS")) {
            starttls = true;
        } else if (keyword.equals("AUTH")) {
            for (int i = first; i < words.length && mechanisms.size() < MAX_MECHANISMS; i++) {
                if (!words[i].isEmpty()) {
                    mechanisms.add(SmtpFacts.cut(words[i].toUpperCase(Locale.ROOT), MAX_MECHANISM));
                }
            }
        }
    }

    boolean starttls() {
        return starttls;
    }

    List<String> mechanisms() {
        return List.copyOf(mechanisms);
    }

    /** The extension keywords, for a message: "PIPELINING, SIZE, 8BITMIME" (the first dozen), or "none". */
    String keywordsShown() {
        return keywords.isEmpty() ? "none" : String.join(", ", keywords);
    }
}
