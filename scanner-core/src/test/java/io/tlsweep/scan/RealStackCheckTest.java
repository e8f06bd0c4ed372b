package io.tlsweep.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeClientConfig;
import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.Confirmation;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real TLS stack confirms the raw scan on every farm profile, and a wrong prediction is reported. */
@ExtendWith(TargetFarmExtension.class)
class RealStackCheckTest {
    private static HandshakeClient client;
    private static RealStackCheck check;
    private static Map<String, TargetResult> scanned;

    @BeforeAll
    static void scan(TargetFarm farm) {
        client = new HandshakeClient(HandshakeClientConfig.defaults());
        check = new RealStackCheck(client);
        List<Target> targets = new ArrayList<>();
        for (FarmTarget t : farm.tlsTargets()) {
            targets.add(FarmScans.target(t, t.tls().sni().map(s -> s.serverName()), t.name()));
        }
        scanned = FarmScans.scan(targets, ScanOptions.full());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static Confirmation confirm(TargetResult r) {
        return check.confirm(r).toCompletableFuture().join();
    }

    /** The result as if its TLS 1.3 flight had not been read, so that the real stack confirms it. */
    private static TargetResult withoutFlight(TargetResult r) {
        return new TargetResult(r.target(), r.address(), r.status(), r.failure(), r.protocols(), r.refusals(),
                r.groups(), r.certificateChain(), r.ocspStapled(), r.notes(), r.profileHellos(), r.connections(),
                r.elapsedMillis(), r.inconsistencies(), r.checks(), r.prelude(), Optional.empty());
    }

    @Test
    void theRealStackAgreesWithTheRawScanOnEveryRealProfile(TargetFarm farm) {
        for (FarmTarget t : farm.tlsTargets()) {
            Confirmation c = confirm(withoutFlight(scanned.get(t.name())));
            if (t.tls().stack() == TlsStack.SCRIPTED) {
                assertThat(c.outcome()).as(t.name() + ": " + c.detail()).isEqualTo(Confirmation.Outcome.UNCONFIRMABLE);
                continue;
            }
            assertThat(c.outcome()).as(t.name() + ": " + c.detail()).isEqualTo(Confirmation.Outcome.AGREED);
            assertThat(c.chain()).as(t.name()).isNotEmpty();
        }
    }

    @Test
    void aWrongPredictionIsReportedAsADisagreement() {
        TargetResult real = scanned.get("order-server");
        ProtocolSupport tls12 = real.protocols().get(0);
        List<CipherSuite> swapped = new ArrayList<>(tls12.cipherSuites());
        java.util.Collections.swap(swapped, 0, 1);
        ProtocolSupport wrong = new ProtocolSupport(ProtocolVersion.TLSv1_2, swapped, PreferenceOrder.SERVER, false,
                tls12.groups(), tls12.dhPrimeBits(), true, Optional.empty());
        TargetResult claimed = new TargetResult(real.target(), real.address(), real.status(), Optional.empty(),
                List.of(wrong), real.refusals(), real.groups(), real.certificateChain(), false, List.of(), Map.of(),
                real.connections(), 1);
        Confirmation c = confirm(claimed);
        assertThat(c.outcome()).isEqualTo(Confirmation.Outcome.DISAGREED);
        assertThat(c.expectedSuite()).contains(swapped.get(0));
        assertThat(c.negotiatedSuite()).contains(tls12.cipherSuites().get(0));
        assertThat(c.detail()).contains("the scan predicts");
    }

    @Test
    void aTls13EndpointWhoseFlightWasReadToAVerifiedFinishedNeedsNoRealHandshake(TargetFarm farm) {
        int verified = 0;
        for (FarmTarget t : farm.tlsTargets()) {
            TargetResult r = scanned.get(t.name());
            if (r.protocols().isEmpty()) {
                continue;
            }
            boolean tls13 = r.protocols().get(r.protocols().size() - 1).version().equals(ProtocolVersion.TLSv1_3);
            boolean whole = r.tls13Flight().filter(f -> f.whole()
                    && f.signature() == EncryptedFlight.SignatureCheck.VERIFIED).isPresent();
            Confirmation c = confirm(r);
            if (tls13 && whole) {
                verified++;
                assertThat(c.outcome()).as(t.name()).isEqualTo(Confirmation.Outcome.SCAN_VERIFIED);
                assertThat(c.provider()).as(t.name()).isEmpty();
                assertThat(c.detail()).as(t.name()).contains("no real-stack handshake made");
            } else {
                assertThat(c.outcome()).as(t.name() + ": " + c.detail())
                        .isNotEqualTo(Confirmation.Outcome.SCAN_VERIFIED);
            }
        }
        assertThat(verified).as("TLS 1.3 farm targets read to a verified Finished").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aTls13FlightThatStoppedShortStillGetsTheRealHandshake() {
        TargetResult r = scanned.values().stream().filter(x -> x.tls13Flight().filter(f -> f.whole()).isPresent())
                .findFirst().orElseThrow();
        TargetResult stopped = new TargetResult(r.target(), r.address(), r.status(), r.failure(), r.protocols(),
                r.refusals(), r.groups(), r.certificateChain(), r.ocspStapled(), r.notes(), r.profileHellos(),
                r.connections(), r.elapsedMillis(), r.inconsistencies(), r.checks(), r.prelude(),
                Optional.of(EncryptedFlight.unread(new EncryptedFlight.Problem(EncryptedFlight.Kind.TRUNCATED,
                        "test"))));
        assertThat(confirm(stopped).outcome()).isEqualTo(Confirmation.Outcome.AGREED);
    }
}
