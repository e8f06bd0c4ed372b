package io.tlsweep.prelude.sieve;

import io.tlsweep.prelude.line.LineQuery;
import io.tlsweep.prelude.line.MechanismList;
import io.tlsweep.result.AuthAfterTls;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ManageSieve once TLS is up: the server sends its capabilities again, unasked, right after the handshake
 * (RFC 5804 section 2.2), closed by {@code OK}: the {@code "SASL"} mechanisms. Then {@code LOGOUT}.
 */
final class SieveAfterTls extends LineQuery {
    private final MechanismList mechanisms = new MechanismList();

    SieveAfterTls() {
        super("ManageSieve", Optional.empty(), "LOGOUT");
    }

    @Override
    protected Answer line(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("OK") || upper.startsWith("OK ")) {
            return Answer.DONE;
        }
        Optional<List<String>> strings = SieveCodec.quotedStrings(text);
        if (strings.isEmpty() || strings.get().isEmpty() || strings.get().size() > 2) {
            return Answer.NOT_AN_ANSWER;
        }
        if (strings.get().get(0).equalsIgnoreCase("SASL") && strings.get().size() == 2) {
            mechanisms.addAll(strings.get().get(1));
        }
        return Answer.MORE;
    }

    @Override
    protected AuthAfterTls facts() {
        return new AuthAfterTls(SievePrelude.NAME, mechanisms.list());
    }
}
