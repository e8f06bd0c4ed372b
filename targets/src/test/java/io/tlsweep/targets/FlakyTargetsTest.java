package io.tlsweep.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The flaky fronts, met by a plain socket one connection at a time: connection n (from 1) is dropped exactly
 * when the pattern says (the last {@code dropped} of every {@code every}), with a reset or a close as specified;
 * every other connection reaches the good server behind it and gets its ServerHello.
 */
class FlakyTargetsTest {

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(java.util.stream.Stream.concat(
            DefaultProfiles.flaky().stream(), java.util.stream.Stream.of(DefaultProfiles.mostlyDown())).toList());

    @Test
    void everyFrontDropsExactlyItsShareOfConnectionsTheWayItSays(TargetFarm farm) throws IOException {
        assertEquals(5, farm.targets().size());
        for (FarmTarget t : farm.targets()) {
            FlakyTargetSpec spec = (FlakyTargetSpec) t.spec();
            int dropped = 0;
            for (int n = 1; n <= 2 * spec.every(); n++) {
                String where = t.name() + " connection " + n;
                boolean drop = (n % spec.every()) == 0 || (n % spec.every()) > spec.every() - spec.dropped();
                assertEquals(drop, spec.drops(n), where);
                dropped += drop ? 1 : 0;
                if (!drop) {
                    assertEquals(0x16, firstByte(t), where + ": a TLS handshake record from the backend");
                } else if (spec.drop() == FlakyTargetSpec.Drop.RESET) {
                    SocketException e = assertThrows(SocketException.class, () -> firstByte(t), where);
                    assertTrue(e.getMessage().contains("reset"), where + ": " + e.getMessage());
                } else {
                    assertEquals(-1, firstByte(t), where + ": closed with nothing sent");
                }
            }
            assertEquals(2 * spec.dropped(), dropped, t.name());
        }
    }

    @Test
    void aFrontPromisesWhatItsBackendServes(TargetFarm farm) {
        for (FarmTarget t : farm.targets()) {
            TlsExpectation expected = t.tls();
            assertEquals(((FlakyTargetSpec) t.spec()).backend().cipherSuites().size(),
                    expected.perVersion().get(0).suites().size(), t.name());
            assertEquals(java.util.List.of(TlsVersion.TLS1_2), expected.versions(), t.name());
        }
    }

    @Test
    void aFrontDropsSomethingAndAnswersSomething() {
        assertThrows(IllegalArgumentException.class, () -> FlakyTargetSpec.of("x", DefaultProfiles.serverOrdered(), 2,
                2, FlakyTargetSpec.Drop.RESET));
        assertThrows(IllegalArgumentException.class, () -> FlakyTargetSpec.of("x", DefaultProfiles.serverOrdered(), 0,
                2, FlakyTargetSpec.Drop.RESET));
    }

    /** Sends the TLS 1.2 hello and reads the first byte of the answer (-1 when closed without one). */
    private static int firstByte(FarmTarget t) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(t.address(), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(HostileTargetsTest.CLIENT_HELLO);
            InputStream in = s.getInputStream();
            return in.read();
        }
    }
}
