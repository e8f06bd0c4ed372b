package io.tlsweep.targets.scripted;

import io.tlsweep.targets.LegacyQuirk;
import io.tlsweep.targets.ScriptedQuirks;
import io.tlsweep.targets.Suite;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.targets.hostile.ClientHelloSummary;
import io.tlsweep.targets.hostile.ServerHelloWriter;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * What the scripted legacy server ({@link io.tlsweep.targets.ScriptedTargetSpec}) answers to one
 * ClientHello. Pure: a summary of the hello in, the bytes to send out. Its {@link ScriptedQuirks} decide
 * first: a hello message longer than {@code maxHelloBytes} gets no bytes and a close, one listing more than
 * {@code maxOfferedSuites} suites a fatal {@code decode_error}; then the version and the suite are chosen from
 * what it accepts (off-version suites are already in that list).
 */
public final class LegacyServerScript {

    public static final int HANDSHAKE_FAILURE = 40;
    public static final int PROTOCOL_VERSION = 70;
    public static final int DECODE_ERROR = ScriptedQuirks.DECODE_ERROR;
    private static final int TLS1_2 = 0x0303;
    private static final byte[] SERVER_HELLO_DONE = {0x0e, 0x00, 0x00, 0x00};
    private static final int DEFLATE = 1;

    private final List<VersionFacts> accepted;
    private final ScriptedQuirks quirks;
    private final byte[] certificateMessage;
    private final Optional<SslV2Script> sslV2;

    /** A tolerant script ({@link ScriptedQuirks#NONE}). */
    public LegacyServerScript(List<VersionFacts> accepted, List<byte[]> chainDer) {
        this(accepted, ScriptedQuirks.NONE, chainDer);
    }

    /**
     * @param accepted what it accepts per version, suites in server order (the spec's {@code accepted()})
     * @param quirks   the spec's size limits (its off-version suites are already in {@code accepted})
     * @param chainDer the certificate chain it presents, leaf first, DER
     */
    public LegacyServerScript(List<VersionFacts> accepted, ScriptedQuirks quirks, List<byte[]> chainDer) {
        this.accepted = List.copyOf(accepted);
        this.quirks = quirks;
        this.certificateMessage = certificateMessage(chainDer);
        this.sslV2 = quirks.legacy().contains(LegacyQuirk.SSLV2) ? Optional.of(new SslV2Script(chainDer.get(0)))
                : Optional.empty();
    }

    /**
     * The answer: a first flight (ServerHello, Certificate, ServerHelloDone), a fatal alert, or nothing at all.
     *
     * @param bytes   the records to send; empty for a silent close
     * @param refused true for a fatal alert or a silent close, after which the server closes at once
     */
    public record Answer(byte[] bytes, boolean refused) {

        /** Whether the server closes without sending a byte. */
        public boolean silent() {
            return refused && bytes.length == 0;
        }
    }

    public Answer answer(ClientHelloSummary hello) {
        int alertVersion = Math.max(0x0300, Math.min(hello.clientVersion(), TLS1_2));
        if (quirks.maxHelloBytes().isPresent() && hello.messageLength() > quirks.maxHelloBytes().getAsInt()) {
            return new Answer(new byte[0], true);
        }
        if (quirks.maxOfferedSuites().isPresent()
                && hello.cipherSuites().size() > quirks.maxOfferedSuites().getAsInt()) {
            return alert(alertVersion, DECODE_ERROR);
        }
        Optional<VersionFacts> version = negotiate(hello);
        if (version.isEmpty()) {
            return alert(alertVersion, PROTOCOL_VERSION);
        }
        int code = version.get().version().code();
        Optional<Suite> suite = version.get().suites().stream()
                .filter(s -> hello.cipherSuites().contains(s.code())).findFirst();
        if (suite.isEmpty()) {
            return alert(code, HANDSHAKE_FAILURE);
        }
        int compression = quirks.legacy().contains(LegacyQuirk.DEFLATE) && hello.compressionMethods().contains(DEFLATE)
                ? DEFLATE : 0;
        boolean renegotiationInfo = hello.offersRenegotiationInfo()
                && !quirks.legacy().contains(LegacyQuirk.NO_RENEGOTIATION_INFO);
        return new Answer(ServerHelloWriter.records(code, FlawScript.serverHello(quirks.flaws(), hello,
                ServerHelloWriter.message(hello, code, suite.get().code(), compression, renegotiationInfo)),
                certificateMessage, SERVER_HELLO_DONE), false);
    }

    /**
     * The answer to a first record that is no TLS ClientHello: an SSLv2 SERVER-HELLO (or ERROR) when the server
     * speaks SSLv2 ({@link LegacyQuirk#SSLV2}) and the record is an SSLv2 CLIENT-HELLO; else empty (it closes).
     */
    public Optional<Answer> answerOther(byte[] record) {
        return sslV2.flatMap(s -> s.answer(record));
    }

    /**
     * The client's legacy_version capped at the newest configured version, if that is configured; none
     * when supported_versions lists only versions above TLS 1.2 (a TLS 1.3-only hello).
     */
    private Optional<VersionFacts> negotiate(ClientHelloSummary hello) {
        if (hello.offersOnlyAbove(TLS1_2)) {
            return Optional.empty();
        }
        int newest = accepted.stream().mapToInt(f -> f.version().code()).max().orElseThrow();
        int chosen = Math.min(hello.clientVersion(), newest);
        return accepted.stream().filter(f -> f.version().code() == chosen).findFirst();
    }

    private static Answer alert(int recordVersion, int description) {
        return new Answer(new byte[] {0x15, (byte) (recordVersion >> 8), (byte) recordVersion, 0x00, 0x02, 0x02,
            (byte) description}, true);
    }

    private static byte[] certificateMessage(List<byte[]> chainDer) {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] der : chainDer) {
            writeU24(list, der.length);
            list.writeBytes(der);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeU24(body, list.size());
        body.writeBytes(list.toByteArray());
        return ServerHelloWriter.handshake(0x0b, body.toByteArray());
    }

    private static void writeU24(ByteArrayOutputStream out, int value) {
        out.write(value >> 16);
        out.write(value >> 8);
        out.write(value);
    }
}
