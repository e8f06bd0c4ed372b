package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeClientConfig;
import io.tlsweep.input.Target;
import io.tlsweep.prelude.smtp.SmtpFacts;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.OrderPolicy;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsExpectation;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.wire.CipherSuite;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A scan through SMTP's STARTTLS with the real engine: every connection of the scan says the prelude, and finds
 * exactly what the real stack behind it serves, in the connections the formula says; the real-stack check
 * handshakes through the prelude too. A refusal and a server that goes silent after its greeting end the target
 * with their prelude failure and what the prelude learned.
 */
class SmtpPreludeScanTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            PreludeTargetSpec.smtp("smtp-mixed", "farm SMTP", DefaultProfiles.mixed().toBuilder()
                    .name("smtp-mixed-tls").build()),
            PreludeTargetSpec.smtp("smtp-refuses", "farm SMTP", DefaultProfiles.mixed().toBuilder()
                    .name("smtp-refuses-tls").build()).refusingTls(),
            PreludeTargetSpec.smtp("smtp-mute", "farm SMTP", DefaultProfiles.mixed().toBuilder()
                    .name("smtp-mute-tls").build()).mute()));

    private static Target smtp(FarmTarget t) {
        return FarmScans.target(t, Optional.empty(), t.name()).withPrelude(Optional.of("smtp"));
    }

    private static Map<String, TargetResult> scan(TargetFarm farm, String... names) {
        return FarmScans.scan(List.of(names).stream().map(n -> smtp(farm.target(n))).toList(), ScanOptions.full());
    }

    @Test
    void theScanThroughStarttlsFindsExactlyWhatTheStackBehindServes(TargetFarm farm) throws Exception {
        FarmTarget t = farm.target("smtp-mixed");
        TargetResult r = scan(farm, "smtp-mixed").get("smtp-mixed");
        TlsExpectation expected = t.tls();

        assertThat(r.status()).isEqualTo(ScanStatus.OK);
        assertThat(r.protocols()).extracting(p -> p.version().code())
                .containsExactlyElementsOf(expected.perVersion().stream().map(f -> f.version().code()).toList());
        for (VersionFacts facts : expected.perVersion()) {
            ProtocolSupport found = r.protocols().stream().filter(p -> p.version().code() == facts.version().code())
                    .findFirst().orElseThrow();
            List<Integer> codes = found.cipherSuites().stream().map(CipherSuite::code).toList();
            if (facts.order() == OrderPolicy.SERVER && facts.suites().size() > 1) {
                assertThat(found.order()).isEqualTo(PreferenceOrder.SERVER);
                assertThat(codes).containsExactlyElementsOf(facts.codes());
            } else {
                assertThat(codes).containsExactlyInAnyOrderElementsOf(facts.codes());
            }
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.certificateChain().get(0))))
                .isEqualTo(expected.certificate().sha256Fingerprint());
        assertThat(r.connections()).as("the prelude adds round trips, not connections")
                .isEqualTo(FarmScanTest.expectedConnections(expected, r));
        assertThat(r.prelude()).contains(new SmtpFacts("smtp", "220-farm SMTP", Optional.of(true),
                List.of("PLAIN", "LOGIN")));

        try (HandshakeClient client = new HandshakeClient(HandshakeClientConfig.defaults())) {
            Confirmation c = new RealStackCheck(client).confirm(r).toCompletableFuture().join();
            assertThat(c.outcome()).as(c.detail()).isEqualTo(Confirmation.Outcome.AGREED);
            assertThat(c.chain()).isNotEmpty();
        }
    }

    @Test
    void aRefusalAndASilenceAfterTheGreetingEndTheTargetWithWhatThePreludeLearned(TargetFarm farm) {
        Map<String, TargetResult> r = scan(farm, "smtp-refuses", "smtp-mute");

        TargetResult refused = r.get("smtp-refuses");
        assertThat(refused.status()).isEqualTo(ScanStatus.UNREACHABLE);
        assertThat(refused.failure().orElseThrow().kind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(refused.failure().orElseThrow().detail())
                .isEqualTo("STARTTLS answered '454 4.7.0 TLS not available due to local problem'");
        assertThat(refused.prelude()).contains(new SmtpFacts("smtp", "220-farm SMTP", Optional.of(true),
                List.of("PLAIN", "LOGIN")));
        assertThat(refused.connections()).as("first contact, then the target is over").isEqualTo(2);

        TargetResult silent = r.get("smtp-mute");
        assertThat(silent.status()).isEqualTo(ScanStatus.UNREACHABLE);
        assertThat(silent.failure().orElseThrow().kind()).isEqualTo(FailureKind.PRELUDE_TIMEOUT);
        assertThat(silent.failure().orElseThrow().detail()).isEqualTo("no answer in the smtp prelude within "
                + FarmScans.READ_TIMEOUT.toMillis() + " ms");
        assertThat(silent.prelude()).contains(new SmtpFacts("smtp", "220-farm SMTP", Optional.empty(), List.of()));
        assertThat(silent.connections()).isEqualTo(2);
    }
}
