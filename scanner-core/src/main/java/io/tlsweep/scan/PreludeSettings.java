package io.tlsweep.scan;

import io.tlsweep.input.StartTls;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run says about what is spoken before TLS: {@code --starttls} (what a target line without
 * {@code starttls=} gets: {@value StartTls#AUTO}, by port; {@value StartTls#NONE}; or a protocol's name) and
 * {@code --client-name} (the name the client introduces itself with, SMTP's {@code EHLO}). It hands the input the
 * protocols of the registry ({@link #startTls()}), and makes each target's prelude from the protocol its line
 * resolved to ({@link #prelude(Target)}).
 *
 * @param starttls {@value StartTls#AUTO}, {@value StartTls#NONE} or a registered protocol's name
 * @param clientName what the client calls itself where the protocol asks (every registered protocol accepts it)
 */
public record PreludeSettings(String starttls, String clientName) {
    /** By port, introduced as {@value PreludeContext#DEFAULT_CLIENT_NAME}. */
    public static final PreludeSettings DEFAULT = new PreludeSettings(StartTls.AUTO,
            PreludeContext.DEFAULT_CLIENT_NAME);

    /** @throws IllegalArgumentException naming the value that is not allowed, and what is */
    public PreludeSettings {
        Objects.requireNonNull(clientName, "clientName");
        starttls = registry().checked(Objects.requireNonNull(starttls, "starttls"));
        if (clientName.isBlank()) {
            throw new IllegalArgumentException("the client name is empty");
        }
        for (PreludeProtocol p : PreludeProtocols.ALL) {
            p.prelude(new PreludeContext(Optional.empty(), clientName)); // each protocol says what it cannot say
        }
    }

    /** Every protocol line may name, with the ports {@code auto} picks them on, and this run's choice. */
    public StartTls startTls() {
        return registry().withFallback(starttls);
    }

    /**
     * The prelude a target speaks: its protocol's, for its SNI name and this client name; empty where TLS starts
     * with the first byte.
     *
     * @throws IllegalStateException for a protocol no registered prelude has (the input checks names first)
     */
    public Optional<Prelude> prelude(Target t) {
        return prelude(t, false);
    }

    /**
     * The prelude a target speaks, as {@link #prelude(Target)}; with {@code askAuth}, one that also asks how the
     * service lets clients log in ({@link PreludeContext#askAuth()}): for the one connection of a target that may.
     */
    public Optional<Prelude> prelude(Target t, boolean askAuth) {
        PreludeContext context = new PreludeContext(t.sni(), clientName, askAuth);
        return t.prelude().map(name -> PreludeProtocols.named(name).orElseThrow(() -> new IllegalStateException(
                "no prelude protocol named '" + name + "'")).prelude(context));
    }

    private static StartTls registry() {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        PreludeProtocols.ALL.forEach(p -> ports.put(p.name(), p.defaultPorts()));
        return StartTls.of(ports, StartTls.AUTO);
    }
}
