package io.tlsweep.cli;

import io.tlsweep.analysis.Assumption;
import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ProfileCatalog;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.run.InputFiles;
import io.tlsweep.run.ProfileSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The client-profile options shared by {@code scan} and {@code demo}. */
final class ClientOptions {
    @Option(names = "--profiles", paramLabel = "FILE", description = "Also load client profiles from FILE (the"
            + " built-in file's format; a profile with a built-in id replaces it).")
    private Path profileFile;

    @Option(names = "--profile", split = ",", paramLabel = "ID", description = "Only these client profiles"
            + " (see `tlsweep profiles`); default: all.")
    private List<String> only = new ArrayList<>();

    @Option(names = "--no-profiles", description = "Send no client-profile hellos and predict none.")
    private boolean none;

    @Option(names = "--profiles-only", description = "Quick mode: send only each client profile's own hello (one"
            + " connection per profile and endpoint): who can talk to these endpoints today.")
    private boolean profilesOnly;

    @Option(names = "--assume-disabled", paramLabel = "LIST", description = "What if: predict who loses each"
            + " endpoint if its servers no longer accepted these versions, weaknesses or suites, e.g."
            + " TLSv1.0,TLSv1.1 or SSLv3,rc4,3des (weakness names as in `tlsweep ciphers --help`).")
    private String assumeDisabled;

    /**
     * The settings, or empty after printing what is wrong (an unknown profile id, a bad profile file, an
     * unknown item in the what-if list). A bad profile in the user's file is reported and left out; the rest
     * load.
     */
    Optional<ProfileSettings> settle(PrintWriter err, String command) {
        Optional<Assumption> assumption = Optional.empty();
        if (assumeDisabled != null) {
            try {
                assumption = Optional.of(Assumption.parse(assumeDisabled));
            } catch (IllegalArgumentException e) {
                err.println(command + ": --assume-disabled: " + e.getMessage());
                return Optional.empty();
            }
        }
        if (none) {
            if (profilesOnly || assumption.isPresent()) {
                err.println(command + ": --no-profiles cannot go with --profiles-only or --assume-disabled");
                return Optional.empty();
            }
            return Optional.of(ProfileSettings.none());
        }
        if (profileFile == null && only.isEmpty()) {
            // the built-in profiles as they are: read when an endpoint first needs them
            return Optional.of(new ProfileSettings(BuiltInProfiles.LIST, profilesOnly, assumption, false));
        }
        ProfileCatalog catalog = ProfileFile.builtIn();
        boolean inputErrors = false;
        if (profileFile != null) {
            try {
                ProfileFile.Load load = InputFiles.profiles(profileFile);
                load.errors().forEach(e -> err.println(command + ": " + e));
                inputErrors = !load.errors().isEmpty();
                if (load.catalog().isEmpty()) {
                    err.println(command + ": no profile could be read from " + profileFile);
                    return Optional.empty();
                }
                catalog = catalog.plus(load.catalog());
            } catch (IOException e) {
                err.println(command + ": cannot read " + profileFile + ": " + e.getMessage());
                return Optional.empty();
            }
        }
        if (!only.isEmpty()) {
            try {
                catalog = catalog.select(only);
            } catch (IllegalArgumentException e) {
                err.println(command + ": --profile: " + e.getMessage());
                return Optional.empty();
            }
        }
        return Optional.of(new ProfileSettings(catalog.profiles(), profilesOnly, assumption, inputErrors));
    }
}
