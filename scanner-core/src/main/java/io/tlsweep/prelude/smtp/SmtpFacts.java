package io.tlsweep.prelude.smtp;

import io.tlsweep.result.PreludeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an SMTP (or LMTP) server said before TLS.
 *
 * @param protocol "smtp" or "lmtp"
 * @param banner the greeting's first line as received (code included), cut to {@value #MAX_BANNER} characters
 *     with a trailing "…" when longer; another protocol's first line when that is what came
 * @param starttlsOffered whether the EHLO (LHLO) reply lists STARTTLS; empty before that reply came
 * @param authBeforeTls the SASL mechanisms the EHLO reply offers before TLS ({@code AUTH} and the old
 *     {@code AUTH=} form together, upper case, in order, each once); empty before that reply or when it offers none
 */
public record SmtpFacts(String protocol, String banner, Optional<Boolean> starttlsOffered,
        List<String> authBeforeTls) implements PreludeFacts {

    /** The most characters of the banner kept. */
    public static final int MAX_BANNER = 160;

    public SmtpFacts {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(banner, "banner");
        Objects.requireNonNull(starttlsOffered, "starttlsOffered");
        authBeforeTls = List.copyOf(authBeforeTls);
    }

    /** What the greeting alone tells. */
    static SmtpFacts greeted(String protocol, String firstLine) {
        return new SmtpFacts(protocol, cut(firstLine, MAX_BANNER), Optional.empty(), List.of());
    }

    /** These facts with what the EHLO reply told. */
    SmtpFacts ehlo(boolean starttls, List<String> auth) {
        return new SmtpFacts(protocol, banner, Optional.of(starttls), auth);
    }

    /** Fields: {@code banner}, then {@code starttls-offered} and {@code auth-before-tls} once the EHLO reply came. */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("banner", banner);
        starttlsOffered.ifPresent(offered -> {
            fields.put("starttls-offered", offered);
            fields.put("auth-before-tls", authBeforeTls);
        });
        return fields;
    }

    /** {@code text} cut to {@code max} characters, "…" marking a cut. */
    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The plain-text mechanisms (PLAIN, LOGIN) among those offered before TLS, as {@code AUTH PLAIN}. */
    @Override
    public List<String> plainTextAuthBeforeTls() {
        return authBeforeTls.stream().filter(m -> m.equals("PLAIN") || m.equals("LOGIN")).map(m -> "AUTH " + m)
                .toList();
    }

    @Override
    public Optional<String> withoutTls() {
        return starttlsOffered.filter(offered -> !offered).map(no -> "STARTTLS not offered");
    }
}
