package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.input.Target;
import io.tlsweep.prelude.tds.TdsPrelude;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileFile;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.ProfileAgreement.Compared;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TdsTargetSpec;
import io.tlsweep.targets.TdsTargetSpec.Encryption;
import io.tlsweep.targets.TlsTargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every built-in profile of a SQL Server client, its own hello said through the TDS PRELOGIN prelude and carried in
 * TDS packets, gets from the targets module's scripted SQL Server front exactly what the prediction from the scan of
 * that front says; the front wraps real TLS stacks of the farm: TLS 1.0 to 1.2, TLS 1.2 only (where the clients
 * without TLS 1.2 break), TLS 1.0 only, TLS 1.2 with an ECDSA certificate, and TLS 1.3 only (where no SQL Server
 * client connects). The scan is handed every built-in profile, as a run is, and sends only those that apply to SQL
 * Server's endpoints.
 */
class TdsProfileAgreementTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            front("mssql-mixed", Encryption.OFF, DefaultProfiles.mixed()),
            front("mssql-tls12-server-order", Encryption.ON, DefaultProfiles.serverOrdered()),
            front("mssql-tls10", Encryption.OFF, DefaultProfiles.legacyTls10()),
            front("mssql-tls12-ecdsa", Encryption.REQ, DefaultProfiles.strongTls12Ecdsa()),
            front("mssql-tls13-only", Encryption.ON, DefaultProfiles.tls13Only())));
    /** The profiles a SQL Server endpoint gets: those limited to it and those of every endpoint. */
    private static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles().stream()
            .filter(p -> p.appliesTo(TdsPrelude.PROTOCOL)).toList();
    private static Map<String, TargetResult> scanned;

    private static TdsTargetSpec front(String name, Encryption encryption, TlsTargetSpec tls) {
        return TdsTargetSpec.of(name, 15, 0, 2000, encryption, tls.toBuilder().name(name + "-tls").build());
    }

    @BeforeAll
    static void scan(TargetFarm farm) {
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.tlsTargets()) {
            targets.add(FarmScans.target(t, Optional.empty(), t.name()).withPrelude(Optional.of(TdsPrelude.PROTOCOL)));
        }
        scanned = FarmScans.scan(targets, ScanOptions.full(), ProfileFile.builtIn().profiles(),
                FarmScans.config(Duration.ofSeconds(5)));
    }

    @Test
    void everySqlServerClientGetsWhatTheScanPredicts() {
        assertThat(scanned).hasSize(5);
        scanned.values().forEach(r -> assertThat(r.prelude()).as(r.target().origin()).isPresent());
        List<Compared> compared = ProfileAgreement.assertEveryPredictionAgrees(scanned, PROFILES);
        assertThat(compared).hasSize(scanned.size() * PROFILES.size());
        ProfileAgreement.assertNonTrivial(compared, TdsPrelude.PROTOCOL);
    }

    @Test
    void theSqlServerClientsWithoutTls12BreakWhereTls12IsTheOldestVersion() {
        Map<String, Reason> withoutTls12 = Map.of("snac11-win7", Reason.SERVER_REFUSES_VERSION,
                "sqlclient-netfx45-win7", Reason.SERVER_REFUSES_VERSION);
        assertThat(broken("mssql-tls12-server-order")).isEqualTo(withoutTls12);
        assertThat(broken("mssql-tls12-ecdsa")).isEqualTo(withoutTls12);
        assertThat(broken("mssql-mixed")).isEmpty();
        assertThat(broken("mssql-tls10")).isEmpty();
        assertThat(broken("mssql-tls13-only")).hasSize(6).containsOnlyKeys(PROFILES.stream()
                .filter(p -> p.services().isPresent()).map(ClientProfile::id).toList())
                .allSatisfy((id, reason) -> assertThat(reason).isEqualTo(Reason.SERVER_REFUSES_VERSION));
    }

    private static Map<String, Reason> broken(String origin) {
        return ProfileAgreement.ownClientsPredictedToBreak(scanned.get(origin), TdsPrelude.PROTOCOL);
    }
}
