package io.tlsweep.check;

import io.tlsweep.result.FindingKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry: the checks of a run, in the order they run on an endpoint (each is started when the ones before
 * it are done, so it can use what they found). {@link #BUILT_IN} is the one list tlsweep runs.
 */
public final class Checks {
    /** Every check tlsweep runs. Adding a check: one line here. */
    public static final Checks BUILT_IN = new Checks(List.of(
            new RecheckCheck(),
            new RdpAcceptsCheck(),
            new MssqlEncryptionCheck(),
            new ScanCheck(),
            new ProfileHellosCheck(),
            new HeartbleedCheck(),
            new CcsInjectionCheck(),
            new FallbackScsvCheck()));

    private final List<Check<?>> all;

    private Checks(List<Check<?>> all) {
        Set<String> ids = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Check<?> c : all) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("two checks with the id '" + c.id() + "'");
            }
            for (FindingKind k : c.kinds()) {
                if (!labels.add(k.label())) {
                    throw new IllegalArgumentException("check " + c.id() + ": the finding '" + k.label()
                            + "' is another check's");
                }
            }
        }
        this.all = List.copyOf(all);
    }

    /** These checks, then {@code more} (a test's own registry, say). */
    public Checks with(Check<?>... more) {
        List<Check<?>> checks = new ArrayList<>(all);
        checks.addAll(List.of(more));
        return new Checks(checks);
    }

    /** In the order they run. */
    public List<Check<?>> all() {
        return all;
    }

    public Optional<Check<?>> byId(String id) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The finding kinds the checks contribute, in the checks' order. */
    public List<FindingKind> kinds() {
        return all.stream().flatMap(c -> c.kinds().stream()).toList();
    }

    @Override
    public String toString() {
        return all.stream().map(Check::id).toList().toString();
    }
}
