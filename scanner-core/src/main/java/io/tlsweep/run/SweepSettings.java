package io.tlsweep.run;

import io.tlsweep.analysis.Assumption;
import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.engine.EngineConfig;
import io.tlsweep.check.Checks;
import io.tlsweep.probe.CheckSelection;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.input.Scope;
import io.tlsweep.wire.ProtocolVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything a sweep file settles besides its targets: the engine, the versions probed, the client profiles and
 * the certificate policy, read from the files it names (CA bundle, profile file) next to it; the checks' registry
 * and which of its optional checks run; the path the HTTP authentication check asks besides {@code /}.
 */
public record SweepSettings(EngineConfig engine, ProfileSettings clients, ChainPolicy certificates,
        List<ProtocolVersion> versions, CheckSelection checks, Checks registry, String httpPath) {

    /** Days before expiry a certificate is reported, when the file does not say. */
    private static final int EXPIRING_DAYS = 30;

    public SweepSettings {
        versions = List.copyOf(versions);
    }

    /** What a run in {@code mode} probes: everything, or one suite per version; and the optional checks. */
    public ScanOptions options(SweepConfig.Mode mode) {
        boolean full = mode != SweepConfig.Mode.VERSIONS_ONLY;
        return new ScanOptions(versions, full, full, full, checks, httpPath);
    }

    /**
     * The settings of {@code c}, read from {@code configFile}, connecting within {@code scope}. A bad profile in
     * the user's profile file is reported to {@code profileErrors} and left out; the rest load.
     *
     * @throws SweepConfig.BadConfig naming the file and the key: an unknown version, a CA bundle or profile file
     *     that cannot be read, an unknown profile id, what-if item or check
     */
    public static SweepSettings of(SweepConfig c, Path configFile, Scope scope, Consumer<String> profileErrors)
            throws SweepConfig.BadConfig {
        return of(c, configFile, scope, profileErrors, Checks.BUILT_IN);
    }

    /** As the other, running the checks of {@code registry} (a test's own registry). */
    public static SweepSettings of(SweepConfig c, Path configFile, Scope scope, Consumer<String> profileErrors,
            Checks registry) throws SweepConfig.BadConfig {
        SweepConfig.Scan s = c.scanOrDefaults();
        List<ProtocolVersion> versions = ProtocolVersion.HELLO_VERSIONS;
        if (s.versions() != null) {
            try {
                versions = s.versions().stream().map(SettingValues::helloVersion).toList();
            } catch (IllegalArgumentException e) {
                throw new SweepConfig.BadConfig(configFile + ": scan.versions: " + e.getMessage());
            }
        }
        EngineConfig engine = s.engine(scope);
        AnchorLoad anchors = c.caFile() == null ? TrustAnchors.jdkDefaultsWhenUsed()
                : InputFiles.jdkDefaultsAnd(c.resolve(configFile, c.caFile()));
        if (anchors instanceof AnchorLoad.Failed failed) {
            throw new SweepConfig.BadConfig(configFile + ": caFile: " + failed.message());
        }
        ChainPolicy certificates = new ChainPolicy(((AnchorLoad.Loaded) anchors).anchors(),
                c.expiringDays() == null ? EXPIRING_DAYS : c.expiringDays());
        return new SweepSettings(engine, clients(c, configFile, profileErrors), certificates, versions,
                c.checkSelection(configFile, registry), registry, c.httpPathOrDefault());
    }

    private static ProfileSettings clients(SweepConfig c, Path configFile, Consumer<String> profileErrors)
            throws SweepConfig.BadConfig {
        List<String> ids = c.profileIds();
        if (ids == null) {
            return ProfileSettings.none();
        }
        Optional<Assumption> assumption = Optional.empty();
        try {
            if (c.assumeDisabled() != null) {
                assumption = Optional.of(Assumption.parse(c.assumeDisabled()));
            }
            ProfileCatalog catalog = ProfileFile.builtIn();
            boolean inputErrors = false;
            if (c.profileFile() != null) {
                ProfileFile.Load load = InputFiles.profiles(c.resolve(configFile, c.profileFile()));
                load.errors().forEach(profileErrors);
                inputErrors = !load.errors().isEmpty();
                catalog = catalog.plus(load.catalog());
            }
            List<ClientProfile> profiles = ids.isEmpty() ? catalog.profiles() : catalog.select(ids).profiles();
            return new ProfileSettings(profiles, false, assumption, inputErrors);
        } catch (IllegalArgumentException | IOException e) {
            throw new SweepConfig.BadConfig(configFile + ": " + e.getMessage());
        }
    }
}
