package io.tlsweep.prelude.xmpp;

import static io.tlsweep.prelude.PreludeFeed.feed;
import static io.tlsweep.prelude.PreludeFeed.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.prelude.PreludeProtocols;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.result.FailureKind;
import io.tlsweep.wire.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XMPP STARTTLS on streams captured from Prosody 0.12 (vectors/prelude, see the README there), fed whole, in
 * pieces and byte by byte; then what Prosody did not send: other shapes of the same XML, and hostile streams.
 */
class XmppCodecTest {
    static final Prelude CLIENT = XmppProtocol.CLIENT.prelude(context("test.example"));
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns='jabber:client' version='1.0' from='test.example' id='x'>";
    static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 50, 7, 1})
    void prosodyOffersStartTlsAndPlainBeforeIt(int piece) {
        Fed e = feed(CLIENT, vector("xmpp-starttls-plain.server"), piece);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.leftover()).isEmpty();
        assertThat(e.sent()).isEqualTo(vector("xmpp-starttls-plain.client"));
        assertThat(e.fields()).containsEntry("stream-from", "test.example").containsEntry("stream-version", "1.0")
                .containsEntry("starttls-offered", true).containsEntry("starttls-required", false)
                .containsEntry("iq-auth-offered", false).doesNotContainKey("stream-error");
        assertThat(list(e, "sasl-mechanisms")).containsExactlyInAnyOrder("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256");
        assertThat(list(e, "features")).containsExactlyInAnyOrder("starttls", "mechanisms");
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void requiredStartTlsHasNoMechanismsBeforeIt(int piece) {
        Fed e = feed(CLIENT, vector("xmpp-starttls-required.server"), piece);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.sent()).isEqualTo(vector("xmpp-starttls-required.client"));
        assertThat(e.fields()).containsEntry("starttls-required", true).containsEntry("sasl-mechanisms", List.of())
                .containsEntry("features", List.of("starttls"));
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void serverToServer(int piece) {
        Prelude server = XmppProtocol.SERVER.prelude(context("test.example"));
        Fed e = feed(server, vector("xmpp-server-starttls.server"), piece);
        assertThat(e.tlsMayStart()).isTrue();
        assertThat(e.sent()).isEqualTo(vector("xmpp-server-starttls.client"));
        assertThat(((PreludeStep.TlsMayStart) e.last()).facts().protocol())
                .isEqualTo("xmpp-server");
        assertThat(list(e, "features")).containsExactlyInAnyOrder("starttls", "dialback");
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void noStartTlsFeatureIsNoTlsAndItsMechanismsAreKept(int piece) {
        Fed e = feed(CLIENT, vector("xmpp-no-starttls.server"), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        assertThat(e.detail()).isEqualTo("the XMPP server does not offer STARTTLS (no <starttls/> among its stream"
                + " features)");
        assertThat(e.sent()).isEqualTo(vector("xmpp-no-starttls.client"));
        assertThat(e.fields()).containsEntry("starttls-offered", false);
        assertThat(list(e, "sasl-mechanisms")).containsExactlyInAnyOrder("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256");
    }

    @Test
    void anUnservedDomainTurnsTheClientAway() {
        Fed e = feed(XmppProtocol.CLIENT.prelude(context("other.example")), vector("xmpp-host-unknown.server"), 1);
        assertThat(e.sent()).isEqualTo(vector("xmpp-host-unknown.client"));
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(e.detail()).isEqualTo("the XMPP server ended the stream: host-unknown 'This server does not serve"
                + " other.example'");
        assertThat(e.fields()).containsEntry("stream-from", "other.example").containsEntry("stream-error",
                "host-unknown").containsEntry("stream-error-text", "This server does not serve other.example")
                .doesNotContainKey("starttls-offered");
    }

    @Test
    void withoutAServerNameTheHeaderHasNoToAndTheFailureSaysWhatToDo() {
        Prelude nameless = XmppProtocol.CLIENT.prelude(new PreludeContext(Optional.empty(), "client.invalid"));
        Fed e = feed(nameless, vector("xmpp-no-to.server"), 50);
        assertThat(e.sent()).isEqualTo(vector("xmpp-no-to.client"));
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_SERVICE_REFUSED);
        assertThat(e.detail()).isEqualTo("the XMPP server ended the stream: improper-addressing 'A 'to' attribute is"
                + " required on stream headers' (the target has no server name, so the stream header had no to=:"
                + " give it sni=DOMAIN)");
    }

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void failureRefusesStartTls(int piece) {
        byte[] features = firstRound(vector("xmpp-starttls-plain.server"));
        Fed e = feed(CLIENT, concat(features, vector("xmpp-failure.server")), piece);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(e.detail()).isEqualTo("the XMPP server refused STARTTLS: <failure/>");
        assertThat(e.fields()).containsEntry("starttls-offered", true);
    }

    @Test
    void theProtocolsAreRegisteredByNameAndPort() {
        assertThat(PreludeProtocols.named("xmpp")).contains(XmppProtocol.CLIENT);
        assertThat(PreludeProtocols.named("xmpp-server")).contains(XmppProtocol.SERVER);
        assertThat(PreludeProtocols.forPort(5222)).contains(XmppProtocol.CLIENT);
        assertThat(PreludeProtocols.forPort(5269)).contains(XmppProtocol.SERVER);
        assertThat(PreludeProtocols.forPort(5223)).isEmpty();
    }

    @Test
    void everyTruncationWaitsHavingSentWhatItsBytesCalledFor() {
        byte[] stream = vector("xmpp-starttls-plain.server");
        int featuresEnd = firstRound(stream).length;
        byte[] header = vector("xmpp-starttls-plain.client");
        for (int n = 0; n < stream.length; n++) {
            Fed e = feed(CLIENT, Arrays.copyOf(stream, n), 1);
            assertThat(e.outcome()).as("cut to %d", n).isEqualTo("go-on");
            assertThat(e.sent().length).as("cut to %d", n).isEqualTo(n < featuresEnd
                    ? header.length - XmppCodec.STARTTLS.length : header.length);
        }
    }

    @Test
    void theFactsSoFarHaveTheHeaderOnceItCame() {
        var codec = CLIENT.open();
        codec.start();
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        assertThat(codec.factsSoFar()).isEmpty();
        codec.read(header, 0, header.length);
        assertThat(codec.factsSoFar().orElseThrow().fields()).containsExactly(entry("stream-from", "test.example"),
                entry("stream-version", "1.0"));
    }

    static List<Object> list(Fed e, String field) {
        return List.copyOf((List<?>) e.fields().get(field));
    }

    static PreludeContext context(String name) {
        return new PreludeContext(Optional.of(name), "client.invalid");
    }

    /** The server's first round: its bytes up to and including {@code </stream:features>}. */
    static byte[] firstRound(byte[] stream) {
        String text = new String(stream, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("</stream:features>") + 18).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static Fed feedText(String server, int piece) {
        return feed(CLIENT, server.getBytes(StandardCharsets.UTF_8), piece);
    }

    @Test
    void anotherProtocolAnswersTheHeader() {
        assertThat(feed(CLIENT, Vectors.load("http-400.server.hex"), 1).detail())
                .isEqualTo("another protocol answered the XMPP stream header: 'HTTP/1.1 400 Bad Request'");
        assertThat(feedText("<html><body>", 1).detail()).isEqualTo("the server answered the XMPP stream header with"
                + " <html>");
        assertThat(feedText("\r\n<?xml version='1.0'?><rss version='2.0'>", 1).failureKind())
                .isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        assertThat(feed(CLIENT, Vectors.load("alert-protocol-version.server.hex"), 1).detail())
                .isEqualTo("the answer to the XMPP stream header is not XML: byte 0x15");
    }
}
