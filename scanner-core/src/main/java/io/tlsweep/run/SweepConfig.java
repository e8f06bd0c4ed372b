package io.tlsweep.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.prelude.http.HttpRequest;
import io.tlsweep.input.Scope;
import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import io.tlsweep.scan.PreludePoliteness;
import io.tlsweep.scan.PreludeSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A sweep's configuration file ({@code sweep.yaml}): what to scan, how, where runs go and how many are kept.
 * Paths are relative to the file. Unknown keys are errors, so a typo never silently falls back to a default.
 *
 * <pre>
 * targets: [datacenter.txt, dmz.txt]   # target files (HOST[:PORT], CIDR, sni=...)
 * ports: [443, 8443]                  # for lines without a port
 * output: /var/lib/tlsweep            # runs go to OUTPUT/runs/&lt;start time&gt;/, OUTPUT/latest points to the last
 * retention: 30                       # complete runs kept (0: all)
 * mode: recheck                       # full | versions-only | recheck (cheap check against the baseline)
 * recheckLegacy: true                 # recheck also watches for TLS 1.0/1.1 coming back (one more hello)
 * profiles: all                       # all | none | a list of profile ids
 * assumeDisabled: TLSv1.0,TLSv1.1     # what-if, as --assume-disabled
 * failOn: [drift:legacy, breaks]      # exit 1 when met (scan conditions and drift classes)
 * policy: [pci-dss-4, ours.json]      # policies each endpoint is judged against (as --policy)
 * exclude: [10.99.0.0/16, 192.0.2.7]  # never connected to (as --exclude); excludeFile: as --exclude-file
 * maxTargets: 200000                  # refuse a larger input (default 65536, as --max-targets)
 * starttls: auto                      # before TLS, where a line does not say: auto, none, smtp... (as --starttls)
 * clientName: scanner.corp.example    # the name said in SMTP's EHLO (as --client-name)
 * checks: [default, robot]            # optional checks: default | none | all | a list of ids (as --checks)
 * httpPath: /owa/                     # web endpoints: the http-auth check also asks this path (as --http-path)
 * evidence: {files: [/var/log/nginx/access.log*], since: 30d}  # logs joined with each run ({@link SweepEvidence})
 * scan: {readTimeoutMs: 5000, concurrency: 256, perHost: 4}
 * </pre>
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SweepConfig(List<String> targets, List<Integer> ports, String output, Integer retention, String mode,
        Boolean recheckLegacy, Object profiles, String profileFile, String assumeDisabled, Boolean realStackCheck,
        List<String> failOn, String caFile, Integer expiringDays, List<String> exclude, String excludeFile,
        Long maxTargets, Scan scan, String starttls, String clientName, Object checks, String httpPath,
        SweepEvidence evidence, List<String> policy) {

    /** Engine settings; every one optional. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Scan(Long connectTimeoutMs, Long readTimeoutMs, Long targetBudgetSeconds, Integer concurrency,
            Integer perHost, Double rate, List<String> versions) {
        public static Scan defaults() {
            return new Scan(null, null, null, null, null, null, null);
        }

        /** The limits the command line's options have ({@link SettingValues}), named with the key's line. */
        void check(Path file, String text) throws BadConfig {
            within(file, text, "connectTimeoutMs", connectTimeoutMs, 1, SettingValues.MAX_MILLIS, " ms");
            within(file, text, "readTimeoutMs", readTimeoutMs, 1, SettingValues.MAX_MILLIS, " ms");
            within(file, text, "targetBudgetSeconds", targetBudgetSeconds, 1, SettingValues.MAX_MILLIS / 1000, " s");
            within(file, text, "concurrency", concurrency == null ? null : concurrency.longValue(), 1,
                    Integer.MAX_VALUE, "");
            within(file, text, "perHost", perHost == null ? null : perHost.longValue(), 1, Integer.MAX_VALUE, "");
            if (rate != null && (!Double.isFinite(rate) || rate < 0)) {
                throw new BadConfig(where(file, text, "rate") + "scan.rate: " + rate + ": must be 0 (no limit) or"
                        + " a positive number per second");
            }
        }

        private static void within(Path file, String text, String key, Long value, long min, long max, String unit)
                throws BadConfig {
            if (value == null) {
                return;
            }
            try {
                SettingValues.within(value, min, max, unit);
            } catch (IllegalArgumentException e) {
                throw new BadConfig(where(file, text, key) + "scan." + key + ": " + e.getMessage());
            }
        }

        private static String where(Path file, String text, String key) {
            return file + lineOfKey(text, key).map(line -> ":" + line).orElse("") + ": ";
        }

        /**
         * The engine settings, defaults where none is given, and each protocol's own limits
         * ({@link PreludePoliteness}) where the matching key ({@code perHost}, {@code rate}, {@code readTimeoutMs})
         * is not given; a value the engine refuses throws IAE.
         */
        public EngineConfig engine(Scope scope) {
            EngineSettings d = EngineSettings.DEFAULTS;
            return new EngineSettings(connectTimeoutMs == null ? d.connectTimeoutMs() : connectTimeoutMs,
                    readTimeoutMs == null ? d.readTimeoutMs() : readTimeoutMs,
                    targetBudgetSeconds == null ? d.targetBudgetSeconds() : targetBudgetSeconds,
                    concurrency == null ? d.concurrency() : concurrency, perHost == null ? d.perHost() : perHost,
                    rate == null ? d.rate() : rate).engine(scope,
                    PreludePoliteness.unless(perHost != null, rate != null, readTimeoutMs != null));
        }
    }

    /** What a run of the sweep does: everything, one suite per version, or a re-check against the baseline. */
    public enum Mode implements Labelled {
        FULL, VERSIONS_ONLY, RECHECK;

        private static final Labels<Mode> LABELS = Labels.ofAnyCase(Mode.class);

        /** "full", "versions-only", "recheck": as the configuration file names the mode. */
        @Override
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The file, parsed and checked; the message names the file, the line and what is wrong. */
    public static SweepConfig read(Path file) throws IOException, BadConfig {
        return parse(Files.readString(file), file);
    }

    /** The text of {@code file}, parsed and checked, as {@link #read}. */
    public static SweepConfig parse(String text, Path file) throws BadConfig {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        SweepConfig c;
        try {
            c = yaml.readValue(text, SweepConfig.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            String key = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
            int line = lineOfKey(text, key).orElse(e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            throw new BadConfig(file + (line > 0 ? ":" + line : "") + ": "
                    + (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage().replaceAll(" \\(class .*", ""));
        } catch (JsonProcessingException e) {
            throw new BadConfig(file + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (c == null) {
            throw new BadConfig(file + ": empty");
        }
        c.check(file, text);
        return c;
    }

    /**
     * The line where {@code key} is written ("key:" at the start of a line, or "{key:" in a flow map): the
     * parser's own position is often past the value.
     */
    private static java.util.Optional<Integer> lineOfKey(String text, String key) {
        if (key == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(^|[{,\\s])" + java.util.regex.Pattern.quote(key)
                + "\\s*:");
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return java.util.Optional.of(i + 1);
            }
        }
        return java.util.Optional.empty();
    }

    private void check(Path file, String text) throws BadConfig {
        if (targets == null || targets.isEmpty()) {
            throw new BadConfig(file + ": targets: at least one target file is needed");
        }
        for (int i = 0; i < targets.size(); i++) {
            path(file, "targets[" + i + "]", targets.get(i));
        }
        if (output == null || output.isBlank()) {
            throw new BadConfig(file + ": output: the directory for runs is needed");
        }
        path(file, "output", output);
        if (caFile != null) {
            path(file, "caFile", caFile);
        }
        if (profileFile != null) {
            path(file, "profileFile", profileFile);
        }
        noNulls(file, "ports", ports);
        noNulls(file, "failOn", failOn);
        noNulls(file, "policy", policy);
        noNulls(file, "profiles", profiles instanceof List<?> list ? list : null);
        if (scan != null) {
            noNulls(file, "scan.versions", scan.versions());
        }
        if (expiringDays != null && expiringDays < 0) {
            throw new BadConfig(file + ": expiringDays: " + expiringDays + " is negative");
        }
        if (scan != null) {
            scan.check(file, text);
        }
        try {
            scanOrDefaults().engine(Scope.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new BadConfig(file + ": scan: " + e.getMessage());
        }
        if (retention != null && retention < 0) {
            throw new BadConfig(file + ": retention: " + retention + " is negative (0 keeps every run)");
        }
        mode(file);
        if (ports != null) {
            for (int p : ports) {
                if (p < 1 || p > 65535) {
                    throw new BadConfig(file + ": ports: " + p + " is not a port (1-65535)");
                }
            }
        }
        if (maxTargets != null && maxTargets < 1) {
            throw new BadConfig(file + ": maxTargets: " + maxTargets + " (need at least 1)");
        }
        if (checks != null && !(checks instanceof String) && !(checks instanceof List<?>)) {
            throw new BadConfig(file + lineOfKey(text, "checks").map(l -> ":" + l).orElse("") + ": checks:"
                    + " 'default', 'none', 'all' or a list of check ids");
        }
        noNulls(file, "checks", checks instanceof List<?> list ? list : null);
        if (profiles != null && !(profiles instanceof String s && (s.equals("all") || s.equals("none")))
                && !(profiles instanceof List<?>)) {
            throw new BadConfig(file + ": profiles: 'all', 'none' or a list of profile ids");
        }
        preludes(file, text);
        if (evidence != null) {
            evidence.check(file);
        }
        if (httpPath != null) {
            try {
                HttpRequest.checkPath(httpPath);
            } catch (IllegalArgumentException e) {
                throw new BadConfig(file + lineOfKey(text, "httpPath").map(l -> ":" + l).orElse("") + ": httpPath: "
                        + e.getMessage());
            }
        }
    }

    /** The path the HTTP authentication check asks besides {@code /} (as {@code --http-path}); {@code /} by default. */
    public String httpPathOrDefault() {
        return httpPath == null ? HttpRequest.DEFAULT_PATH : httpPath;
    }

    /** {@code starttls:} and {@code clientName:} (as {@code --starttls} and {@code --client-name}), checked. */
    private void preludes(Path file, String text) throws BadConfig {
        PreludeSettings d = PreludeSettings.DEFAULT;
        for (String key : List.of("starttls", "clientName")) {
            try {
                new PreludeSettings(key.equals("starttls") && starttls != null ? starttls : d.starttls(),
                        key.equals("clientName") && clientName != null ? clientName : d.clientName());
            } catch (IllegalArgumentException e) {
                throw new BadConfig(file + lineOfKey(text, key).map(l -> ":" + l).orElse("") + ": " + key + ": "
                        + e.getMessage());
            }
        }
    }

    /** What is said before TLS where a target's line does not say, and the client's name in it. */
    public PreludeSettings preludes() {
        PreludeSettings d = PreludeSettings.DEFAULT;
        return new PreludeSettings(starttls == null ? d.starttls() : starttls,
                clientName == null ? d.clientName() : clientName);
    }

    /** A path the sweep will resolve next to the file: present, not blank, and a path on this system. */
    private static void path(Path file, String key, String value) throws BadConfig {
        if (value == null || value.isBlank()) {
            throw new BadConfig(file + ": " + key + ": a path is needed");
        }
        try {
            Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadConfig(file + ": " + key + ": '" + value + "' is not a path: " + e.getReason());
        }
    }

    private static void noNulls(Path file, String key, List<?> values) throws BadConfig {
        if (values != null && values.contains(null)) {
            throw new BadConfig(file + ": " + key + ": [" + values.indexOf(null) + "] is empty");
        }
    }

    public Mode mode(Path file) throws BadConfig {
        return mode == null ? Mode.FULL : parseMode(mode, file);
    }

    /** "full", "versions-only" or "recheck", in any case; {@code file} names where the word came from in errors. */
    public static Mode parseMode(String mode, Path file) throws BadConfig {
        return Mode.LABELS.find(mode).orElseThrow(() -> new BadConfig(file + ": mode: '" + mode + "' is not "
                + Mode.LABELS.alternatives()));
    }

    public Scan scanOrDefaults() {
        return scan == null ? Scan.defaults() : scan;
    }

    public List<Integer> portsOrDefault() {
        return ports == null || ports.isEmpty() ? List.of(443) : ports;
    }

    public long maxTargetsOrDefault() {
        return maxTargets == null ? SettingValues.DEFAULT_MAX_TARGETS : maxTargets;
    }

    /**
     * The exclusions of {@code exclude:} (named {@code FILE:LINE: exclude[i]}) and {@code excludeFile:} (named
     * by their own file and line).
     */
    public io.tlsweep.input.ScopeRules exclusions(Path file) throws IOException {
        io.tlsweep.input.ScopeRules rules = new io.tlsweep.input.ScopeRules();
        if (exclude != null) {
            int line = lineOfKey(Files.readString(file), "exclude").orElse(0);
            for (int i = 0; i < exclude.size(); i++) {
                rules.exclude(String.valueOf(exclude.get(i)), file + (line > 0 ? ":" + line : "") + ": exclude["
                        + i + "]");
            }
        }
        if (excludeFile != null) {
            rules.excludeFile(resolve(file, excludeFile));
        }
        return rules;
    }

    public int retentionOrDefault() {
        return retention == null ? 0 : retention;
    }

    /**
     * Which optional checks run: those on by default when the file does not say, none for {@code none}, else the
     * names {@code registry} reads as it reads {@code --checks}.
     *
     * @throws BadConfig naming the file, when a name is not a check of {@code registry}
     */
    public io.tlsweep.probe.CheckSelection checkSelection(Path file, io.tlsweep.check.Checks registry)
            throws BadConfig {
        if (checks == null) {
            return io.tlsweep.probe.CheckSelection.DEFAULT;
        }
        if ("none".equals(checks)) {
            return io.tlsweep.probe.CheckSelection.none();
        }
        List<String> names = checks instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(checks).split(",", -1));
        try {
            return registry.select(names);
        } catch (IllegalArgumentException e) {
            throw new BadConfig(file + ": checks: " + e.getMessage());
        }
    }

    /** The profile ids to use: empty for all, null for none. */
    public List<String> profileIds() {
        if (profiles == null || "all".equals(profiles)) {
            return List.of();
        }
        if ("none".equals(profiles)) {
            return null;
        }
        return ((List<?>) profiles).stream().map(String::valueOf).toList();
    }

    public Path resolve(Path configFile, String path) {
        Path p = Path.of(path);
        Path dir = configFile.toAbsolutePath().getParent();
        return p.isAbsolute() || dir == null ? p : dir.resolve(p);
    }

    /**
     * A configuration that cannot be used, with the file, line and reason; the reason may quote the file, so its
     * control characters are shown as escapes.
     */
    public static final class BadConfig extends Exception {
        private static final long serialVersionUID = 1L;

        BadConfig(String message) {
            super(io.tlsweep.text.VisibleText.of(message));
        }
    }
}
