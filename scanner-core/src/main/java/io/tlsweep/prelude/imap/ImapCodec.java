package io.tlsweep.prelude.imap;

import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.prelude.line.LineCodec;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection's IMAP prelude: the greeting ({@code * OK}, usually with a {@code [CAPABILITY ...]} code),
 * {@code a CAPABILITY} when the greeting lists none, then {@code b STARTTLS} when STARTTLS is listed, and its
 * tagged {@code b OK}. Untagged lines between are skipped (within the line bound). {@code * PREAUTH} means the
 * connection is already authenticated, where STARTTLS is not allowed; {@code * BYE} is a refusal.
 */
final class ImapCodec extends LineCodec {
    private static final Pattern CAPABILITY_CODE = Pattern.compile("\\[CAPABILITY ([^\\]]*)\\]\\s*",
            Pattern.CASE_INSENSITIVE);

    private enum State { GREETING, CAPABILITY, STARTTLS }

    private State state = State.GREETING;
    private Optional<Boolean> tlsOffered = Optional.empty();
    private Optional<Boolean> loginDisabled = Optional.empty();
    private final MechanismList mechanisms = new MechanismList();

    ImapCodec() {
        super("IMAP");
    }

    @Override
    protected PreludeStep line(String text, int consumed) {
        String upper = text.toUpperCase(Locale.ROOT);
        return switch (state) {
            case GREETING -> greeting(text, upper, consumed);
            case CAPABILITY -> capabilityAnswer(text, upper, consumed);
            case STARTTLS -> startTlsAnswer(text, upper, consumed);
        };
    }

    private PreludeStep greeting(String text, String upper, int consumed) {
        if (isStatus(upper, "* OK")) {
            Matcher code = CAPABILITY_CODE.matcher(text);
            boolean listed = code.find() && code.start() <= 5;
            greeted(listed ? text.substring(code.end()) : text.substring(4).strip());
            if (listed) {
                capabilities(code.group(1));
                return startTls(consumed);
            }
            state = State.CAPABILITY;
            return send(consumed, "a CAPABILITY");
        }
        if (isStatus(upper, "* PREAUTH")) {
            greeted(text.substring(9).strip());
            return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the IMAP server greeted with PREAUTH: the"
                    + " connection is authenticated already, and STARTTLS is allowed only before: "
                    + ShortText.quoted(text));
        }
        if (isStatus(upper, "* BYE")) {
            greeted(text.substring(5).strip());
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the IMAP server said BYE in its greeting: "
                    + ShortText.quoted(text));
        }
        return notAGreeting(consumed, text, "'* OK'");
    }

    private PreludeStep capabilityAnswer(String text, String upper, int consumed) {
        if (upper.startsWith("* CAPABILITY ")) {
            capabilities(text.substring(13));
            return next(consumed);
        }
        if (isStatus(upper, "* BYE")) {
            return fail(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the IMAP server said BYE to CAPABILITY: "
                    + ShortText.quoted(text));
        }
        if (upper.startsWith("* ")) {
            return next(consumed);
        }
        if (isStatus(upper, "A OK") && text.startsWith("a")) {
            return startTls(consumed);
        }
        if ((isStatus(upper, "A NO") || isStatus(upper, "A BAD")) && text.startsWith("a")) {
            state = State.STARTTLS;
            return send(consumed, "b STARTTLS");
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to CAPABILITY, got "
                + ShortText.quoted(text));
    }

    private PreludeStep startTlsAnswer(String text, String upper, int consumed) {
        if (isStatus(upper, "B OK") && text.startsWith("b")) {
            return tls(consumed);
        }
        if ((isStatus(upper, "B NO") || isStatus(upper, "B BAD")) && text.startsWith("b") || isStatus(upper, "* BYE")) {
            return refused(consumed, "STARTTLS", text, tlsOffered, true);
        }
        if (upper.startsWith("* ")) {
            return next(consumed);
        }
        return fail(consumed, FailureKind.PRELUDE_UNEXPECTED, "expected the answer to STARTTLS, got "
                + ShortText.quoted(text));
    }

    /** After the capabilities: STARTTLS when they list it (or never came), else the end. */
    private PreludeStep startTls(int consumed) {
        if (tlsOffered.equals(Optional.of(false))) {
            return fail(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the IMAP server does not list STARTTLS"
                    + " among its capabilities");
        }
        state = State.STARTTLS;
        return send(consumed, "b STARTTLS");
    }

    private void capabilities(String atoms) {
        boolean starttls = tlsOffered.orElse(false);
        boolean disabled = loginDisabled.orElse(false);
        for (String atom : atoms.trim().split("\\s+")) {
            String name = atom.toUpperCase(Locale.ROOT);
            starttls |= name.equals("STARTTLS");
            disabled |= name.equals("LOGINDISABLED");
            if (name.startsWith("AUTH=")) {
                mechanisms.add(name.substring(5));
            }
        }
        tlsOffered = Optional.of(starttls);
        loginDisabled = Optional.of(disabled);
    }

    /** Whether {@code upper} is the status {@code status} (upper case) followed by a space or the line's end. */
    private static boolean isStatus(String upper, String status) {
        return upper.startsWith(status) && (upper.length() == status.length() || upper.charAt(status.length()) == ' ');
    }

    @Override
    protected PreludeFacts facts() {
        return new ImapFacts(banner(), tlsOffered, mechanisms.list(), loginDisabled);
    }
}
