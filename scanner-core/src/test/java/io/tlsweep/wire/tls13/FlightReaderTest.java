package io.tlsweep.wire.tls13;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.EncryptedFlight.Kind;
import io.tlsweep.wire.EncryptedFlight.Reached;
import io.tlsweep.wire.EncryptedFlight.SignatureCheck;
import io.tlsweep.wire.SignatureScheme;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader against RFC 8448's Simple 1-RTT Handshake: whole, in pieces, truncated and mutated. */
class FlightReaderTest {
    private static final byte[] SERVER = Rfc8448.SERVER;

    private static FlightKeys keys(byte[] server) {
        FlightReader.Opening o = FlightReader.open(Rfc8448.CLIENT_HELLO, server, 0, server.length, Rfc8448.keys());
        assertThat(o).isInstanceOf(FlightReader.Opening.Opened.class);
        return ((FlightReader.Opening.Opened) o).keys();
    }

    private static FlightReader.Reading.Read readAtEnd(byte[] server) {
        return (FlightReader.Reading.Read) FlightReader.read(keys(server), server, 0, server.length, true);
    }

    @Test
    void derivesTheServerHandshakeTrafficSecretOfTheTrace() {
        FlightKeys keys = keys(SERVER);
        assertThat(keys.trafficSecret).isEqualTo(Rfc8448.SERVER_HANDSHAKE_TRAFFIC_SECRET);
        assertThat(keys.aead).isEqualTo(Aead.AES_128_GCM);
        assertThat(keys.flightFrom()).isEqualTo(Rfc8448.SERVER_HELLO_RECORD);
        // RFC 8448 §3 gives the key and iv the traffic secret expands to
        assertThat(io.tlsweep.wire.Hex.of(keys.key)).isEqualTo("3fce516009c21727d0f2e4e86ee403bc");
        assertThat(io.tlsweep.wire.Hex.of(keys.iv)).isEqualTo("5d313eb2671276ee13000b30");
    }

    @Test
    void readsTheWholeFlightAndVerifiesItsSignatureAndFinished() throws Exception {
        FlightReader.Reading r = FlightReader.read(keys(SERVER), SERVER, 0, SERVER.length, false);

        assertThat(r).isInstanceOf(FlightReader.Reading.Read.class);
        FlightReader.Reading.Read read = (FlightReader.Reading.Read) r;
        EncryptedFlight f = read.flight();
        assertThat(f.whole()).isTrue();
        assertThat(f.reached()).isEqualTo(Reached.FINISHED);
        assertThat(f.signatureScheme()).contains(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(f.signature()).isEqualTo(SignatureCheck.VERIFIED);
        assertThat(f.certificateRequested()).isFalse();
        assertThat(read.consumed()).isEqualTo(SERVER.length);
        assertThat(read.certificates()).hasSize(1);
        assertThat(read.certificates().get(0)).hasSize(432);
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(read.certificates().get(0)));
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=rsa");
    }

    @Test
    void bytesAfterTheFinishedAreNotPartOfTheFlight() {
        byte[] more = Arrays.copyOf(SERVER, SERVER.length + 7);
        System.arraycopy(new byte[] {23, 3, 3, 0, 2, 9, 9}, 0, more, SERVER.length, 7);

        FlightReader.Reading.Read read = (FlightReader.Reading.Read) FlightReader.read(keys(more), more, 0,
                more.length, false);

        assertThat(read.flight().whole()).isTrue();
        assertThat(read.consumed()).isEqualTo(SERVER.length);
    }

    @Test
    void fedByteByByteItWantsMoreUntilTheLastByteThenReadsTheSame() {
        FlightKeys keys = keys(SERVER);
        int calls = 0;
        int at = keys.flightFrom();
        FlightReader.Reading r;
        while (true) {
            r = FlightReader.read(keys, SERVER, 0, at, false);
            calls++;
            if (!(r instanceof FlightReader.Reading.NeedMore more)) {
                break;
            }
            assertThat(at).isLessThan(SERVER.length);
            at += more.bytesNeeded() > 1 ? 1 : more.bytesNeeded();
        }
        assertThat(at).isEqualTo(SERVER.length);
        assertThat(calls).isEqualTo(SERVER.length - keys.flightFrom() + 1);
        assertThat(((FlightReader.Reading.Read) r).flight().whole()).isTrue();
    }

    @Test
    void theFlightSplitAtAnOffsetInsideTheBufferReadsAlike() {
        byte[] shifted = new byte[SERVER.length + 11];
        System.arraycopy(SERVER, 0, shifted, 11, SERVER.length);
        FlightReader.Opening o = FlightReader.open(Rfc8448.CLIENT_HELLO, shifted, 11, SERVER.length, Rfc8448.keys());
        FlightKeys keys = ((FlightReader.Opening.Opened) o).keys();

        FlightReader.Reading.Read read = (FlightReader.Reading.Read) FlightReader.read(keys, shifted, 11,
                SERVER.length, false);

        assertThat(read.flight().whole()).isTrue();
        assertThat(read.consumed()).isEqualTo(SERVER.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 5, 100, 600, 678})
    void aTruncatedFlightIsAValueWithWhatWasRead(int flightBytes) {
        byte[] cut = Arrays.copyOf(SERVER, Rfc8448.SERVER_HELLO_RECORD + flightBytes);

        FlightReader.Reading.Read read = readAtEnd(cut);

        assertThat(read.flight().problem()).map(EncryptedFlight.Problem::kind).contains(Kind.TRUNCATED);
        assertThat(read.flight().reached()).isEqualTo(Reached.NOTHING); // one record holds the whole flight
        assertThat(read.certificates()).isEmpty();
        assertThat(read.consumed()).isEqualTo(cut.length);
    }

    @Test
    void everyByteOfTheEncryptedRecordFlippedBreaksTheTag() {
        for (int i = Rfc8448.SERVER_HELLO_RECORD + 5; i < SERVER.length; i += 37) {
            byte[] bad = SERVER.clone();
            bad[i] ^= 0x01;
            FlightReader.Reading.Read read = readAtEnd(bad);
            assertThat(read.flight().problem()).map(EncryptedFlight.Problem::kind).as("byte %d", i)
                    .contains(Kind.BAD_RECORD_MAC);
            assertThat(read.flight().reached()).isEqualTo(Reached.NOTHING);
        }
    }

    @Test
    void aChangedRecordHeaderIsAuthenticatedDataAndBreaksTheTagToo() {
        byte[] bad = SERVER.clone();
        bad[Rfc8448.SERVER_HELLO_RECORD + 2] = 1; // legacy_record_version 0x0301
        assertThat(readAtEnd(bad).flight().problem()).map(EncryptedFlight.Problem::kind)
                .contains(Kind.BAD_RECORD_MAC);
    }

    @Test
    void aChangedServerHelloChangesTheKeysAndNothingDecrypts() {
        byte[] bad = SERVER.clone();
        bad[5 + 4 + 2 + 5] ^= 0x01; // a byte of the server random: same share, other transcript
        assertThat(readAtEnd(bad).flight().problem()).map(EncryptedFlight.Problem::kind)
                .contains(Kind.BAD_RECORD_MAC);
    }

    @Test
    void aChangeCipherSpecBeforeTheFlightIsPassedOver() {
        byte[] ccs = {20, 3, 3, 0, 1, 1};
        byte[] with = new byte[SERVER.length + ccs.length];
        System.arraycopy(SERVER, 0, with, 0, Rfc8448.SERVER_HELLO_RECORD);
        System.arraycopy(ccs, 0, with, Rfc8448.SERVER_HELLO_RECORD, ccs.length);
        System.arraycopy(SERVER, Rfc8448.SERVER_HELLO_RECORD, with, Rfc8448.SERVER_HELLO_RECORD + ccs.length,
                SERVER.length - Rfc8448.SERVER_HELLO_RECORD);

        assertThat(readAtEnd(with).flight().whole()).isTrue();
    }

    @Test
    void anAlertInTheClearAfterTheServerHelloIsTheProblem() {
        byte[] alert = Arrays.copyOf(SERVER, Rfc8448.SERVER_HELLO_RECORD + 7);
        System.arraycopy(new byte[] {21, 3, 3, 0, 2, 2, 40}, 0, alert, Rfc8448.SERVER_HELLO_RECORD, 7);

        EncryptedFlight f = readAtEnd(alert).flight();

        assertThat(f.problem()).map(EncryptedFlight.Problem::kind).contains(Kind.ALERT);
        assertThat(f.problem().get().detail()).contains("handshake_failure");
    }

    @Test
    void withoutThePrivateKeyTheFlightIsUnreadable() {
        FlightReader.Opening o = FlightReader.open(Rfc8448.CLIENT_HELLO, SERVER, 0, SERVER.length,
                (group, value) -> Optional.empty());

        assertThat(o).isInstanceOf(FlightReader.Opening.Unreadable.class);
        assertThat(((FlightReader.Opening.Unreadable) o).problem().kind()).isEqualTo(Kind.UNREADABLE);
    }

    @Test
    void anotherClientHelloThanTheOneAnsweredGivesOtherKeys() throws Exception {
        byte[] other = Rfc8448.CLIENT_HELLO.clone();
        other[5 + 4 + 2] ^= 0x01; // a byte of the client random

        FlightReader.Opening o = FlightReader.open(other, SERVER, 0, SERVER.length, Rfc8448.keys());
        FlightKeys keys = ((FlightReader.Opening.Opened) o).keys();

        assertThat(MessageDigest.isEqual(keys.trafficSecret, Rfc8448.SERVER_HANDSHAKE_TRAFFIC_SECRET)).isFalse();
        assertThat(((FlightReader.Reading.Read) FlightReader.read(keys, SERVER, 0, SERVER.length, true)).flight()
                .problem()).map(EncryptedFlight.Problem::kind).contains(Kind.BAD_RECORD_MAC);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 50, 94})
    void aServerHelloCutShortCannotBeOpened(int length) {
        FlightReader.Opening o = FlightReader.open(Rfc8448.CLIENT_HELLO, SERVER, 0, length, Rfc8448.keys());
        assertThat(o).isInstanceOf(FlightReader.Opening.Unreadable.class);
    }

    @Test
    void garbageInEveryPositionNeverThrows() {
        java.util.Random random = new java.util.Random(8448);
        for (int i = 0; i < 300; i++) {
            byte[] bad = SERVER.clone();
            int n = 1 + random.nextInt(4);
            for (int j = 0; j < n; j++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            int len = random.nextInt(bad.length + 1);
            FlightReader.Opening o = FlightReader.open(Rfc8448.CLIENT_HELLO, bad, 0, len, Rfc8448.keys());
            if (o instanceof FlightReader.Opening.Opened opened) {
                FlightReader.Reading r = FlightReader.read(opened.keys(), bad, 0, len, true);
                assertThat(r).isInstanceOf(FlightReader.Reading.Read.class);
            }
        }
    }

    /** The scan's extra TLS 1.3 hello offers exactly the groups it has a private key for and this reader reads. */
    @Test
    void readsTheGroupsKeySharesMakesAndDecryptsEverySuiteButCcm() {
        for (io.tlsweep.wire.NamedGroup g : io.tlsweep.wire.NamedGroup.all()) {
            assertThat(FlightReader.readsGroup(g)).as(g.toString()).isEqualTo(io.tlsweep.wire.KeyShares.canGenerate(g)
                    || io.tlsweep.wire.HybridKeyShares.readable(g));
        }
        assertThat(io.tlsweep.wire.NamedGroup.all().stream().filter(FlightReader::readsGroup).map(g -> g.code()))
                .containsExactlyInAnyOrder(23, 24, 25, 29, 30, 0x11EC);
        assertThat(java.util.stream.IntStream.rangeClosed(0x1301, 0x1305).filter(FlightReader::decryptsSuite))
                .containsExactly(0x1301, 0x1302, 0x1303);
    }
}
