package io.tlsweep.prelude.smtp;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * STARTTLS in SMTP (RFC 3207; ports 25 and 587) and in LMTP (RFC 2033, which says {@code LHLO} where SMTP says
 * {@code EHLO}; port 24). The client introduces itself with the context's client name, never with the SNI name:
 * the name is the scanner's, which a server may log or check.
 */
public final class SmtpProtocol implements PreludeProtocol {
    public static final SmtpProtocol SMTP = new SmtpProtocol("smtp", List.of(25, 587), "EHLO");
    public static final SmtpProtocol LMTP = new SmtpProtocol("lmtp", List.of(24), "LHLO");

    static final byte[] STARTTLS_LINE = "STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The longest client name said (a domain name is at most 253 characters; an address literal fits). */
    static final int MAX_CLIENT_NAME = 255;

    private final String name;
    private final List<Integer> ports;
    private final String hello;

    private SmtpProtocol(String name, List<Integer> ports, String hello) {
        this.name = name;
        this.ports = ports;
        this.hello = hello;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Integer> defaultPorts() {
        return ports;
    }

    @Override
    public String toString() {
        return name;
    }

    /** "EHLO" or "LHLO". */
    String hello() {
        return hello;
    }

    /**
     * The prelude for one target.
     *
     * @throws IllegalArgumentException when the context's client name is not one word of printable ASCII of at
     *     most {@value #MAX_CLIENT_NAME} characters (it goes on the command line as it is)
     */
    @Override
    public Prelude prelude(PreludeContext context) {
        String client = context.clientName();
        if (client.length() > MAX_CLIENT_NAME || !client.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("the " + hello + " name must be one word of printable ASCII of at most "
                    + MAX_CLIENT_NAME + " characters: '" + client + "'");
        }
        return new Prelude() {
            @Override
            public String protocol() {
                return name;
            }

            @Override
            public PreludeCodec open() {
                return new SmtpCodec(SmtpProtocol.this, client);
            }

            /** When the context asks: {@code EHLO} ({@code LHLO}) again over TLS ({@link SmtpAfterTls}). */
            @Override
            public Optional<AfterTlsCodec> afterTls() {
                return context.askAuth() ? Optional.of(new SmtpAfterTls(name, hello, client)) : Optional.empty();
            }

            @Override
            public String toString() {
                return name + " (" + hello + " " + client + ")";
            }
        };
    }
}
