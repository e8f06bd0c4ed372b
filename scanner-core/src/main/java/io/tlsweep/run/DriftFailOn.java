package io.tlsweep.run;

import io.tlsweep.report.drift.Drift;
import io.tlsweep.report.drift.DriftClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A drift condition of {@code --fail-on}: {@code drift} (any change) or {@code drift:CLASS}, where CLASS is a
 * short form ({@code legacy}, {@code versions}, {@code suites}, {@code order}, {@code certificate},
 * {@code verdict}, {@code vulnerable}, {@code checks}, {@code legacy-clients} (a legacy client appeared),
 * {@code appeared}, {@code disappeared}, {@code status}) or a class label
 * ({@code legacy-enabled}, {@code suite-disabled}...). Met when the drift has a change of one of its classes.
 * The {@code drift} prefix keeps these apart from the per-endpoint conditions ({@code legacy} there is a
 * verdict), so a command can take both in one option: see {@link #isDrift}.
 */
public final class DriftFailOn {
    public static final String PREFIX = "drift";
    /** The short forms, in the order help lists them. */
    private static final Map<String, Set<DriftClass>> SHORT = shortForms();

    private final String label;
    private final Set<DriftClass> classes;

    private DriftFailOn(String label, Set<DriftClass> classes) {
        this.label = label;
        this.classes = Collections.unmodifiableSet(classes);
    }

    /**
     * Reads comma-separated conditions: {@code "drift"}, {@code "drift:legacy,drift:certificate"}.
     *
     * @throws IllegalArgumentException for an empty or unknown condition, naming the valid forms
     */
    public static List<DriftFailOn> parse(String value) {
        List<DriftFailOn> conditions = new ArrayList<>();
        for (String part : (value == null ? "" : value).split(",", -1)) {
            conditions.add(parseOne(part));
        }
        return conditions;
    }

    /** One condition, as {@link #parse} reads each. */
    public static DriftFailOn parseOne(String condition) {
        String c = condition == null ? "" : condition.trim().toLowerCase(Locale.ROOT);
        if (c.equals(PREFIX)) {
            return new DriftFailOn(PREFIX, EnumSet.allOf(DriftClass.class));
        }
        if (c.startsWith(PREFIX + ":")) {
            String name = c.substring(PREFIX.length() + 1).trim();
            Set<DriftClass> classes = SHORT.get(name);
            if (classes == null) {
                classes = DriftClass.ofLabel(name).map(EnumSet::of).orElse(null);
            }
            if (classes != null) {
                return new DriftFailOn(PREFIX + ":" + name, EnumSet.copyOf(classes));
            }
        }
        throw new IllegalArgumentException("unknown drift condition '" + (condition == null ? "" : condition.trim())
                + "' (expected drift or drift:CLASS with CLASS one of " + String.join(", ", SHORT.keySet())
                + " or a class label: " + String.join(", ", DriftClass.LABELS.all()) + ")");
    }

    /** Whether a --fail-on condition is a drift condition ("drift" or "drift:..."), for commands taking both kinds. */
    public static boolean isDrift(String condition) {
        String c = condition == null ? "" : condition.trim().toLowerCase(Locale.ROOT);
        return c.equals(PREFIX) || c.startsWith(PREFIX + ":");
    }

    public static boolean anyMet(List<DriftFailOn> conditions, Drift drift) {
        return conditions.stream().anyMatch(c -> c.met(drift));
    }

    /** The drift has a change of one of this condition's classes. */
    public boolean met(Drift drift) {
        return classes.stream().anyMatch(drift::has);
    }

    public Set<DriftClass> classes() {
        return classes;
    }

    /** As written, normalised: "drift:legacy". */
    public String label() {
        return label;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DriftFailOn d && d.label.equals(label) && d.classes.equals(classes);
    }

    @Override
    public int hashCode() {
        return label.hashCode();
    }

    @Override
    public String toString() {
        return label;
    }

    private static Map<String, Set<DriftClass>> shortForms() {
        Map<String, Set<DriftClass>> m = new LinkedHashMap<>();
        m.put("legacy", EnumSet.of(DriftClass.LEGACY_ENABLED));
        m.put("versions", EnumSet.of(DriftClass.VERSION_ENABLED, DriftClass.VERSION_DISABLED));
        m.put("suites", EnumSet.of(DriftClass.SUITE_ENABLED, DriftClass.SUITE_DISABLED));
        m.put("order", EnumSet.of(DriftClass.ORDER_CHANGED));
        m.put("certificate", EnumSet.of(DriftClass.CERTIFICATE_CHANGED, DriftClass.CERTIFICATE_EXPIRING));
        m.put("verdict", EnumSet.of(DriftClass.VERDICT_CHANGED));
        m.put("vulnerable", EnumSet.of(DriftClass.CHECK_VULNERABLE));
        m.put("checks", EnumSet.of(DriftClass.CHECK_VULNERABLE, DriftClass.CHECK_CHANGED));
        m.put("legacy-clients", EnumSet.of(DriftClass.LEGACY_CLIENT_APPEARED));
        m.put("appeared", EnumSet.of(DriftClass.APPEARED));
        m.put("disappeared", EnumSet.of(DriftClass.DISAPPEARED));
        m.put("status", EnumSet.of(DriftClass.STATUS_CHANGED));
        return Collections.unmodifiableMap(m);
    }
}
