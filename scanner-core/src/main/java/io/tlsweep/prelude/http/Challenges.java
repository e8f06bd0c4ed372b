package io.tlsweep.prelude.http;

import io.tlsweep.prelude.ShortText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the challenges of one {@code WWW-Authenticate} field value (RFC 9110 §11.6.1, §11.3):
 * {@code #challenge}, where {@code challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]}. A comma ends a
 * challenge or separates its auth-params: what follows a comma is another param when it reads {@code token BWS "="},
 * else a new challenge. Lenient as clients are: empty list elements are skipped, a malformed element is skipped to
 * the next comma outside a quoted string, an unterminated quoted string ends at the value's end. Pure; never throws.
 */
public final class Challenges {
    /** The most challenges read from one field value; the rest are not read. */
    static final int MAX_CHALLENGES = 32;
    /** The longest scheme kept as the server wrote it, when it is not a registered one. */
    static final int MAX_SCHEME = 40;

    /** The registered spellings (IANA HTTP Authentication Scheme Registry) and NTLM, by their lower case. */
    private static final Map<String, String> SPELLINGS = spellings("Basic", "Bearer", "Digest", "DPoP", "GNAP",
            "HOBA", "Mutual", "Negotiate", "OAuth", "PrivateToken", "SCRAM-SHA-1", "SCRAM-SHA-256", "vapid", "NTLM",
            "Kerberos");

    private final String v;
    private int at;

    private Challenges(String value) {
        this.v = value;
    }

    /** The challenges of {@code value}, in its order. */
    public static List<Challenge> parse(String value) {
        return new Challenges(value).challenges();
    }

    /** A scheme as the facts keep it: its registered spelling whatever the case sent, else as sent, cut short. */
    public static String spelling(String scheme) {
        String known = SPELLINGS.get(scheme.toLowerCase(Locale.ROOT));
        return known != null ? known : ShortText.cut(scheme, MAX_SCHEME);
    }

    private List<Challenge> challenges() {
        List<Challenge> out = new ArrayList<>();
        while (out.size() < MAX_CHALLENGES) {
            skipSeparators();
            if (end()) {
                break;
            }
            String scheme = token();
            if (scheme.isEmpty()) {
                skipElement();
                continue;
            }
            scheme = spelling(scheme);
            int afterScheme = at;
            skipOws();
            if (end() || peek() == ',') {
                out.add(Challenge.of(scheme));
                continue;
            }
            if (at == afterScheme) {
                // the scheme runs straight into something that is no token character ("Basic\"x\""): skip it
                out.add(Challenge.of(scheme));
                skipElement();
                continue;
            }
            Optional<String> token68 = token68();
            out.add(token68.isPresent() ? new Challenge(scheme, token68, Map.of())
                    : new Challenge(scheme, Optional.empty(), params()));
        }
        return out;
    }

    /** A token68 that makes up the rest of the challenge (up to the value's end or a comma), or none. */
    private Optional<String> token68() {
        int start = at;
        while (!end() && isToken68(peek())) {
            at++;
        }
        if (at == start) {
            return Optional.empty();
        }
        while (!end() && peek() == '=') {
            at++;
        }
        String t = v.substring(start, at);
        skipOws();
        if (end() || peek() == ',') {
            return Optional.of(t);
        }
        at = start;
        return Optional.empty();
    }

    /** The auth-params from here, up to the start of the next challenge (or the value's end). */
    private Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        while (!end()) {
            String name = token();
            skipOws();
            if (name.isEmpty() || end() || peek() != '=') {
                skipElement();
                break;
            }
            at++;
            skipOws();
            String value = !end() && peek() == '"' ? quoted() : token();
            params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            skipOws();
            if (!end() && peek() != ',') {
                skipElement();
            }
            int comma = at;
            skipSeparators();
            int next = at;
            boolean anotherParam = !token().isEmpty() && skipOwsThenIs('=');
            at = anotherParam ? next : comma;
            if (!anotherParam) {
                break;
            }
        }
        return params;
    }

    private boolean skipOwsThenIs(char c) {
        skipOws();
        return !end() && peek() == c;
    }

    /** A quoted-string from its opening quote: its content with the escapes undone. */
    private String quoted() {
        StringBuilder s = new StringBuilder();
        at++;
        while (!end()) {
            char c = v.charAt(at++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && !end()) {
                c = v.charAt(at++);
            }
            s.append(c);
        }
        return s.toString();
    }

    private String token() {
        int start = at;
        while (!end() && isTchar(peek())) {
            at++;
        }
        return v.substring(start, at);
    }

    /** Skips to the next comma outside a quoted string (or the value's end). */
    private void skipElement() {
        while (!end() && peek() != ',') {
            if (peek() == '"') {
                quoted();
            } else {
                at++;
            }
        }
    }

    private void skipSeparators() {
        while (!end() && (peek() == ',' || isOws(peek()))) {
            at++;
        }
    }

    private void skipOws() {
        while (!end() && isOws(peek())) {
            at++;
        }
    }

    private boolean end() {
        return at >= v.length();
    }

    private char peek() {
        return v.charAt(at);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    static boolean isTchar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isToken68(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~+/".indexOf(c) >= 0;
    }

    private static Map<String, String> spellings(String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n.toLowerCase(Locale.ROOT), n);
        }
        return Map.copyOf(m);
    }
}
