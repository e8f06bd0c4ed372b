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

    @Test
    void theRealStackAgreesWithTheRawScanOnEveryRealProfile(TargetFarm farm) {
        for (FarmTarget t : farm.tlsTargets()) {
            Confirmation c = confirm(scanned.get(t.name()));
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
}
