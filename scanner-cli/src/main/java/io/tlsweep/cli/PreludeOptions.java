package io.tlsweep.cli;

import io.tlsweep.input.StartTls;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.scan.PreludeSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * What is said before TLS, for the commands that scan target lists ({@code scan}, {@code demo}):
 * {@code --starttls auto|none|PROTO} for the lines that do not say ({@code starttls=}), and the client's name
 * ({@link ClientName}, which {@code bench} shares). Each value is checked as it is parsed: a bad one is a usage
 * error in the option's words.
 */
final class PreludeOptions {
    @Option(names = "--starttls", paramLabel = "auto|none|PROTO", converter = StartTlsValue.class,
            completionCandidates = StartTlsValue.class,
            description = "What is said before TLS on targets whose line does not say (starttls=): auto, the"
                    + " protocol of the target's port (smtp on 25 and 587, lmtp on 24...); none, TLS from the first"
                    + " byte; or a protocol. One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private String starttls = StartTls.AUTO;

    @Mixin
    private ClientName clientName = new ClientName();

    /** The settings given (checked by the converters). */
    PreludeSettings settings() {
        return new PreludeSettings(starttls, clientName.value());
    }

    /** {@code --client-name}: the name the client introduces itself with where the protocol asks (SMTP's EHLO). */
    static final class ClientName {
        @Option(names = "--client-name", paramLabel = "NAME", converter = ClientNameValue.class,
                description = "The name tlsweep gives itself where a protocol spoken before TLS asks for one"
                        + " (SMTP's EHLO, LMTP's LHLO); never the SNI name (default: ${DEFAULT-VALUE}, a name in the"
                        + " reserved .invalid domain that names no real host).")
        private String name = PreludeContext.DEFAULT_CLIENT_NAME;

        String value() {
            return name;
        }
    }

    /** {@code auto}, {@code none} or a registered protocol's name, as {@link PreludeSettings} takes it. */
    static final class StartTlsValue implements ITypeConverter<String>, Iterable<String> {
        @Override
        public String convert(String value) {
            try {
                return new PreludeSettings(value, PreludeContext.DEFAULT_CLIENT_NAME).starttls();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(value + ": " + e.getMessage());
            }
        }

        @Override
        public Iterator<String> iterator() {
            List<String> values = new ArrayList<>(List.of(StartTls.AUTO, StartTls.NONE));
            PreludeProtocols.ALL.stream().map(PreludeProtocol::name).forEach(values::add);
            return values.iterator();
        }
    }

    /** A name every registered protocol can say. */
    static final class ClientNameValue implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return new PreludeSettings(StartTls.AUTO, value).clientName();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
