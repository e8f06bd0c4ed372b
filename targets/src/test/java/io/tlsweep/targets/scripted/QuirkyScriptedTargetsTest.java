package io.tlsweep.targets.scripted;

import static io.tlsweep.targets.scripted.Hellos.hello;
import static io.tlsweep.targets.scripted.Hellos.paddedTo;
import static io.tlsweep.targets.scripted.Hellos.suitesEndingWith;
import static io.tlsweep.targets.TargetSockets.open;
import static io.tlsweep.targets.TargetSockets.readToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tlsweep.targets.FarmTarget;
import io.tlsweep.targets.ScriptedTargetSpec;
import io.tlsweep.targets.Suite;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TlsExpectation;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.VersionFacts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quirky scripted servers on sockets: a hello listing 151 suites gets decode_error where 150 get a
 * ServerHello, a 513-byte hello a close without a byte where 512 bytes get a ServerHello, and a TLS 1.1 hello
 * offering only a TLS 1.2-only suite a ServerHello choosing it; and what each target's expectation states.
 */
class QuirkyScriptedTargetsTest {

    private static final int AES128_SHA = 0x002F;
    private static final int AES128_SHA256 = 0x003C;

    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.of(
            ScriptedTargetSpec.sizeIntolerantBySuites("size-suites-150", 150),
            ScriptedTargetSpec.sizeIntolerantByLength("size-bytes-512", 512),
            ScriptedTargetSpec.offVersion("off-version")));

    @Test
    void moreThan150SuitesGetADecodeErrorAndAClose(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("size-suites-150"))) {
            s.getOutputStream().write(hello(0x0303, suitesEndingWith(151, AES128_SHA)));
            assertArrayEquals(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 50}, readToEnd(s.getInputStream()));
        }
    }

    @Test
    void exactly150SuitesGetAServerHello(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("size-suites-150"))) {
            s.getOutputStream().write(hello(0x0303, suitesEndingWith(150, AES128_SHA)));
            Hellos.Message serverHello = serverHello(s.getInputStream());
            assertEquals(0x0303, serverHello.u16(0));
            assertEquals(AES128_SHA, suite(serverHello));
        }
    }

    @Test
    void a513ByteHelloIsClosedOnWithoutAByte(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("size-bytes-512"))) {
            s.getOutputStream().write(paddedTo(513, 0x0303, AES128_SHA));
            assertEquals(0, readToEnd(s.getInputStream()).length, "a close (FIN) and nothing before it");
        }
    }

    @Test
    void a512ByteHelloGetsAServerHello(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("size-bytes-512"))) {
            s.getOutputStream().write(paddedTo(512, 0x0303, AES128_SHA));
            assertEquals(AES128_SHA, suite(serverHello(s.getInputStream())));
        }
    }

    @Test
    void aTls11HelloOfferingOnlyATls12OnlySuiteGetsItChosen(TargetFarm farm) throws IOException {
        try (Socket s = open(farm.target("off-version"))) {
            s.getOutputStream().write(hello(0x0302, AES128_SHA256));
            Hellos.Message serverHello = serverHello(s.getInputStream());
            assertEquals(0x0302, serverHello.u16(0));
            assertEquals(AES128_SHA256, suite(serverHello));
        }
    }

    @Test
    void expectationsStateTheLimitsAndTheOffVersionPairs(TargetFarm farm) {
        TlsExpectation bySuites = farm.target("size-suites-150").tls();
        assertEquals(OptionalInt.of(150), bySuites.quirks().maxOfferedSuites());
        assertTrue(bySuites.quirks().maxHelloBytes().isEmpty());
        assertTrue(bySuites.offVersion().isEmpty());
        assertEquals(List.of(0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x0041, 0x000A),
                bySuites.suitesAt(TlsVersion.TLS1_2).stream().map(Suite::code).toList());
        assertEquals(List.of(0x0035, 0x002F, 0x0041, 0x000A),
                bySuites.suitesAt(TlsVersion.TLS1_1).stream().map(Suite::code).toList());
        TlsExpectation byLength = farm.target("size-bytes-512").tls();
        assertEquals(OptionalInt.of(512), byLength.quirks().maxHelloBytes());
        assertTrue(byLength.quirks().maxOfferedSuites().isEmpty());
        assertTrue(byLength.summary().contains("max 512 hello bytes"), byLength.summary());

        TlsExpectation offVersion = farm.target("off-version").tls();
        assertEquals(List.of("TLS_RSA_WITH_AES_128_CBC_SHA256"), offVersion.quirks().offVersionSuites());
        assertEquals(List.of(List.of(AES128_SHA256, AES128_SHA), List.of(AES128_SHA256, AES128_SHA),
                List.of(AES128_SHA256, 0x009C, AES128_SHA)),
                offVersion.perVersion().stream().map(VersionFacts::codes).toList());
        assertEquals(List.of(TlsVersion.TLS1_0, TlsVersion.TLS1_1),
                offVersion.offVersion().stream().map(VersionFacts::version).toList());
        offVersion.offVersion().forEach(v -> assertEquals(List.of(AES128_SHA256), v.codes()));
    }

    /** Reads whole records until the ServerHelloDone and returns the ServerHello of that first flight. */
    private static Hellos.Message serverHello(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int records = 0; records < 8; records++) {
            byte[] header = in.readNBytes(5);
            assertEquals(5, header.length, "a record header");
            byte[] fragment = in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
            got.writeBytes(header);
            got.writeBytes(fragment);
            List<Hellos.Message> flight = Hellos.messages(got.toByteArray());
            if (flight.get(flight.size() - 1).type() == 0x0e) {
                assertEquals(List.of(0x02, 0x0b, 0x0e), flight.stream().map(Hellos.Message::type).toList());
                return flight.get(0);
            }
        }
        throw new AssertionError("no ServerHelloDone in 8 records");
    }

    private static int suite(Hellos.Message serverHello) {
        int sidLength = serverHello.body()[34] & 0xff;
        return serverHello.u16(35 + sidLength);
    }
}
