package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.line.LineCodec;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One connection's ManageSieve prelude: the greeting is the capability list, one {@code "NAME" "value"} line each,
 * closed by {@code OK} ({@code NO} or {@code BYE} turn the client away); then {@code STARTTLS} when the list has
 * {@code "STARTTLS"}, and its {@code OK}. Capability values sent as literals ({@code {n}}) are not read: such a
 * line is {@link FailureKind#PRELUDE_UNEXPECTED}.
 */
final class SieveCodec extends LineCodec {
    private boolean capabilitiesSeen;
    private boolean starttls;
    private Optional<Boolean> tlsOffered = Optional.empty();
    private Optional<String> implementation = Optional.empty();
    private final MechanismList mechanisms = new MechanismList();
    private boolean askedTls;

    SieveCodec() {
        super("ManageSieve");
    }

    @Override
    protected PreludeStep line(String text, int consumed) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (askedTls) {
            if (isStatus(upper, "OK")) {
                return tls(consumed);
            }
            if (isStatus(upper, "NO") || isStatus(upper, "BYE")) {
                return refused(consumed, "STARTTLS", text, tlsOffered, true);
            }
            return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to STARTTLS, got "
                    + ShortText.quoted(text));
        }
        if (text.startsWith("\"")) {
            return capability(text, consumed);
        }
        if (isStatus(upper, "OK")) {
            greeted(responseText(text.substring(2)));
            tlsOffered = Optional.of(starttls);
            if (!starttls) {
                return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the ManageSieve server does not list"
                        + " STARTTLS among its capabilities");
            }
            askedTls = true;
            return send(consumed, "STARTTLS");
        }
        if (isStatus(upper, "NO") || isStatus(upper, "BYE")) {
            greeted(responseText(text.substring(upper.startsWith("NO") ? 2 : 3)));
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the ManageSieve server turned the client"
                    + " away in its greeting: " + ShortText.quoted(text));
        }
        return capabilitiesSeen ? fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected a capability or OK from"
                + " the ManageSieve server, got " + ShortText.quoted(text))
                : notAGreeting(consumed, text, "a capability list");
    }

    private PreludeStep capability(String text, int consumed) {
        Optional<List<String>> strings = quotedStrings(text);
        if (strings.isEmpty() || strings.get().size() > 2) {
            return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "a capability line of the ManageSieve server that"
                    + " is not one or two quoted strings: " + ShortText.quoted(text));
        }
        if (!capabilitiesSeen) {
            capabilitiesSeen = true;
            greeted("");
        }
        String name = strings.get().get(0).toUpperCase(Locale.ROOT);
        String value = strings.get().size() > 1 ? strings.get().get(1) : "";
        switch (name) {
            case "STARTTLS" -> starttls = true;
            case "SASL" -> mechanisms.addAll(value);
            case "IMPLEMENTATION" -> implementation = Optional.of(ShortText.cut(value, ShortText.MAX_CHARS));
            default -> {
            }
        }
        return next(consumed);
    }

    /** The human text of a response's rest ({@code (CODE) "text"}): its last quoted string, else the rest. */
    private static String responseText(String rest) {
        String text = rest.strip();
        int quote = text.indexOf('"');
        if (quote >= 0) {
            Optional<List<String>> strings = quotedStrings(text.substring(quote));
            if (strings.isPresent() && !strings.get().isEmpty()) {
                return strings.get().get(strings.get().size() - 1);
            }
        }
        return text;
    }

    /** The quoted strings (RFC 5804 {@code quoted}, with {@code \"} and {@code \\}) that make up {@code text}, separated by spaces. */
    static Optional<List<String>> quotedStrings(String text) {
        List<String> strings = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '"') {
                return Optional.empty();
            }
            StringBuilder s = new StringBuilder();
            i++;
            while (i < text.length() && text.charAt(i) != '"') {
                if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                    i++;
                }
                s.append(text.charAt(i++));
            }
            if (i >= text.length()) {
                return Optional.empty();
            }
            strings.add(s.toString());
            i++;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
        }
        return Optional.of(strings);
    }

    private static boolean isStatus(String upper, String status) {
        return upper.startsWith(status) && (upper.length() == status.length() || upper.charAt(status.length()) == ' ');
    }

    @Override
    protected PreludeFacts facts() {
        boolean known = tlsOffered.isPresent();
        return new SieveFacts(banner(), tlsOffered, known ? mechanisms.list() : List.of(), implementation);
    }
}
