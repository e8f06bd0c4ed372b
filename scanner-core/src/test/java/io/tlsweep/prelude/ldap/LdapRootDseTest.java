package io.tlsweep.prelude.ldap;

import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The root DSE read before StartTLS when the context asks about authentication: on what slapd 2.5 answered
 * (vectors/prelude/ldap-rootdse*, captured by capture.py), fed whole, in pieces and byte by byte, and on hand-made
 * and hostile answers (an entry offering PLAIN, a search refused, notices, wrong message IDs, endless references,
 * huge lengths, every truncation, seeded garbage): always a value. No bind is ever sent.
 */
class LdapRootDseTest {
    private static final Prelude ASKING = new LdapProtocol().prelude(new PreludeContext(Optional.empty(),
            "scanner.test.example").askingAuth());
    private static final List<String> SLAPD_MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-384", "SCRAM-SHA-256",
            "SCRAM-SHA-224", "SCRAM-SHA-1", "DIGEST-MD5", "CRAM-MD5", "NTLM");
    private static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";

    /** A BER element, written here apart from the codec's writer. */
    private static byte[] ber(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] str(String s) {
        return ber(0x04, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(int id, byte[] op) {
        return ber(0x30, ber(0x02, new byte[] {(byte) id}), op);
    }

    private static byte[] rootEntry(int id, List<String> mechanisms, List<String> extensions) {
        return message(id, ber(0x64, str(""), ber(0x30,
                ber(0x30, str("supportedSASLMechanisms"), ber(0x31, mechanisms.stream().map(LdapRootDseTest::str)
                        .toArray(byte[][]::new))),
                ber(0x30, str("supportedExtension;x-test"), ber(0x31, extensions.stream().map(LdapRootDseTest::str)
                        .toArray(byte[][]::new))))));
    }

    private static byte[] done(int id, int code) {
        return message(id, ber(0x65, ber(0x0a, new byte[] {(byte) code}), str(""), str("")));
    }

    private static byte[] extended(int id, int code) {
        return message(id, ber(0x78, ber(0x0a, new byte[] {(byte) code}), str(""), str("")));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 3, 1})
    void slapdWithTlsTellsItsMechanismsAndStartTlsThenLetsTlsStart(int piece) {
        Fed e = feed(ASKING, vector("ldap-rootdse.server"), piece);

        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.leftover()).isEmpty();
        assertThat(e.sent()).isEqualTo(vector("ldap-rootdse.client"));
        assertThat(e.fields()).containsExactly(entry("result-code", 0), entry("result", "success"),
                entry("starttls-offered", true), entry("sasl-mechanisms", SLAPD_MECHANISMS),
                entry("starttls-listed", true));
        assertThat(((PreludeStep.TlsMayStart) e.last()).facts().plainTextAuthBeforeTls())
                .as("slapd's default sasl-secprops (noplain) keeps PLAIN from a connection without TLS").isEmpty();
    }

    /** In pieces, as it comes: a feed of the whole would answer StartTLS before it was asked. */
    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {7, 1})
    void slapdWithoutTlsListsNoStartTlsAndDoesNotOfferIt(int piece) {
        Fed e = feed(ASKING, vector("ldap-rootdse-no-tls.server"), piece);

        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.sent()).isEqualTo(vector("ldap-rootdse-no-tls.client"));
        assertThat(e.fields()).containsEntry("starttls-offered", false).containsEntry("starttls-listed", false)
                .containsEntry("sasl-mechanisms", SLAPD_MECHANISMS);
    }

    @Test
    void plainOfferedBeforeTlsIsAPlainTextLogin() {
        Fed e = feed(ASKING, concat(rootEntry(1, List.of("plain", "EXTERNAL", "LOGIN"), List.of(START_TLS_OID)),
                done(1, 0), extended(2, 0)), 1);

        PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) e.last();
        assertThat(start.facts().plainTextAuthBeforeTls()).containsExactly("SASL PLAIN", "SASL LOGIN");
        assertThat(e.fields()).containsEntry("sasl-mechanisms", List.of("PLAIN", "EXTERNAL", "LOGIN"));
    }

    @Test
    void aSearchRefusedTellsNothingAndStartTlsIsAskedAllTheSame() {
        Fed e = feed(ASKING, concat(done(1, 50), extended(2, 0)), 50);

        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.fields()).containsExactly(entry("result-code", 0), entry("result", "success"),
                entry("starttls-offered", true));
        assertThat(Arrays.copyOfRange(e.sent(), e.sent().length - 31, e.sent().length))
                .as("StartTLS as message 2").isEqualTo(concat(new byte[] {0x30, 0x1D, 0x02, 0x01, 0x02},
                        Arrays.copyOfRange(LdapCodec.START_TLS, 5, 31)));
    }

    @Test
    void referencesAreReadPastButNotWithoutEnd() {
        byte[] reference = message(1, ber(0x73, str("ldap://elsewhere.example/")));
        Fed two = feed(ASKING, concat(reference, reference, done(1, 0), extended(2, 0)), 1);
        byte[] many = new byte[0];
        for (int i = 0; i < 20; i++) {
            many = concat(many, reference);
        }
        Fed endless = feed(ASKING, many, 50);

        assertThat(two.tlsMayStart()).isTrue();
        assertThat(endless.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(endless.detail()).isEqualTo("the LDAP server answered the root DSE search with more than 8"
                + " messages");
    }

    @Test
    void anotherMessageIdOrOperationOrAMalformedEntryIsUnexpected() {
        Fed otherId = feed(ASKING, rootEntry(3, List.of(), List.of()), 1);
        Fed otherOp = feed(ASKING, extended(1, 0), 1);
        Fed malformed = feed(ASKING, message(1, ber(0x64, str(""), ber(0x30, ber(0x30, str("x"), str("y"))))), 1);

        assertThat(otherId.detail()).isEqualTo("the LDAP server answered the root DSE search (message 1) with a"
                + " search result of message 3");
        assertThat(otherOp.detail()).isEqualTo("the LDAP server answered the root DSE search (message 1) with an"
                + " operation with tag 0x78 of message 1");
        assertThat(malformed.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(malformed.detail()).startsWith("the LDAP server's answer to the root DSE search is malformed: a"
                + " PartialAttribute");
    }

    @Test
    void aNoticeOfDisconnectionDuringTheSearchTurnsTheClientAway() {
        byte[] notice = message(0, ber(0x78, ber(0x0a, new byte[] {0x34}), str(""), str("busy"),
                ber(0x8a, "1.3.6.1.4.1.1466.20036".getBytes(StandardCharsets.US_ASCII))));

        Fed e = feed(ASKING, notice, 1);

        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
    }

    @Test
    void hugeLengthsAndAnotherProtocolFailAtOnce() {
        Fed huge = feed(ASKING, new byte[] {0x30, (byte) 0x84, 0x00, 0x10, 0x00, 0x00, 0x02}, 1);
        Fed absurd = feed(ASKING, new byte[] {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, 1);
        Fed ssh = feed(ASKING, "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII), 1);

        assertThat(huge.detail()).isEqualTo("the LDAP server's answer to the root DSE search is 1048582 bytes"
                + " long, more than the 16384 it may take");
        assertThat(absurd.detail()).isEqualTo("the LDAP server's answer to the root DSE search has a length of"
                + " 2147483647 bytes");
        assertThat(ssh.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(ssh.detail()).startsWith("another protocol answered the root DSE search: 'SSH-2.0");
    }

    @Test
    void everyTruncationWaitsAndSeededGarbageEndsAsAValue() {
        byte[] whole = vector("ldap-rootdse.server");
        for (int cut = 0; cut < whole.length; cut++) {
            Fed e = feed(ASKING, Arrays.copyOf(whole, cut), 1);
            assertThat(e.outcome()).as("cut at " + cut).isEqualTo("go-on");
        }
        Random random = new Random(4513);
        for (int i = 0; i < 3000; i++) {
            byte[] mutated = whole.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertThat(feed(ASKING, mutated, 1 + random.nextInt(60)).outcome()).isNotNull();
        }
    }

    @Test
    void withoutAskingStartTlsIsTheOnlyRequest() {
        Prelude plain = new LdapProtocol().prelude(new PreludeContext(Optional.empty(), "scanner.test.example"));

        Fed e = feed(plain, vector("ldap-starttls.server"), 50);

        assertThat(e.sent()).isEqualTo(LdapCodec.START_TLS);
        assertThat(e.fields()).doesNotContainKeys("sasl-mechanisms", "starttls-listed");
    }
}
