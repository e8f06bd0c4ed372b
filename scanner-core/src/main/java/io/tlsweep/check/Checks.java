package io.tlsweep.check;

import io.tlsweep.probe.CheckSelection;
import io.tlsweep.result.FindingKind;
import io.tlsweep.text.VisibleText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
            new PostQuantumCheck(),
            new HelloFeaturesCheck(),
            new SignatureAlgorithmsCheck(),
            new Sslv2Check(),
            new CompressionCheck(),
            new SecureRenegotiationCheck(),
            new HeartbleedCheck(),
            new CcsInjectionCheck(),
            new FallbackScsvCheck(),
            new SessionResumptionCheck(),
            new ClientRenegotiationCheck(),
            new RobotCheck(),
            new HttpAuthCheck()));

    /** In {@code --checks}: the optional checks on by default. */
    public static final String DEFAULT = "default";
    /** In {@code --checks}: every optional check, opt-in ones too. */
    public static final String ALL = "all";

    private final List<Check<?>> all;

    private Checks(List<Check<?>> all) {
        Set<String> ids = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (Check<?> c : all) {
            if (c.id().equals(DEFAULT) || c.id().equals(ALL)) {
                throw new IllegalArgumentException("a check cannot be called '" + c.id() + "': --checks uses the"
                        + " word");
            }
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

    /** The checks the user chooses with {@code --checks} and {@code --no-checks}, in the order they run. */
    public List<Check<?>> optional() {
        return all.stream().filter(Check::optional).toList();
    }

    /** The checks whose part carries a judgement, in the order they run: a column each in endpoints.csv. */
    public List<Check<?>> judged() {
        return all.stream().filter(c -> Judged.class.isAssignableFrom(c.key().type())).toList();
    }

    /**
     * What {@code --checks LIST} names: optional checks by id, {@code default} for those on by default, {@code
     * all} for every optional one (case and blanks around a name ignored).
     *
     * @throws IllegalArgumentException for an empty list or a name that is none of these, listing the names known
     */
    public CheckSelection select(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no check named (known: " + known() + ")");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
            if (n.equals(DEFAULT)) {
                optional().stream().filter(Check::onByDefault).forEach(c -> ids.add(c.id()));
            } else if (n.equals(ALL)) {
                optional().forEach(c -> ids.add(c.id()));
            } else if (optional().stream().anyMatch(c -> c.id().equals(n))) {
                ids.add(n);
            } else {
                throw new IllegalArgumentException("unknown check '" + VisibleText.of(name == null ? "" : name)
                        + "' (known: " + known() + ")");
            }
        }
        return CheckSelection.only(ids);
    }

    /** The words {@link #select} knows: the optional checks' ids, then default and all. */
    private String known() {
        List<String> words = new ArrayList<>(optional().stream().map(Check::id).toList());
        words.add(DEFAULT);
        words.add(ALL);
        return String.join(", ", words);
    }

    /** The checks a run with {@code selection} sends, in the order they run: every check that is not optional too. */
    public List<Check<?>> running(CheckSelection selection) {
        return all.stream().filter(c -> !c.optional() || selection.runs(c.id(), c.onByDefault())).toList();
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
