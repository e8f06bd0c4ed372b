package io.tlsweep.prelude.xmpp;

import static io.tlsweep.prelude.xmpp.XmppCodecTest.CLIENT;
import static io.tlsweep.prelude.xmpp.XmppCodecTest.HEADER;
import static io.tlsweep.prelude.xmpp.XmppCodecTest.PROCEED;
import static io.tlsweep.prelude.xmpp.XmppCodecTest.feedText;
import static io.tlsweep.prelude.xmpp.XmppCodecTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.PreludeFeed.Fed;
import io.tlsweep.result.FailureKind;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * XMPP streams Prosody did not send: the same XML written otherwise (prefixes, CDATA, references, proceed as
 * two tags), legacy authentication, old streams, and hostile streams (DTDs and entities, comments, 10 MB streams,
 * endless tags, deep nesting, broken XML, injected bytes). Each ends as a value, within the codec's bounds.
 */
class XmppStreamShapesTest {
    private static final String STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    @ParameterizedTest(name = "pieces of {0}")
    @ValueSource(ints = {Integer.MAX_VALUE, 1})
    void prefixesCdataReferencesAndATwoTagProceed(int piece) {
        String stream = "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='jabber:client' version=\"1.0\""
                + " from='caf&#xE9;.example'>\n  <s:features>"
                + "<t:starttls xmlns:t='urn:ietf:params:xml:ns:xmpp-tls'><t:required/></t:starttls>"
                + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism><![CDATA[PLAIN]]></mechanism>"
                + "<mechanism> &#x4C;OGIN </mechanism><mechanism/></mechanisms>"
                + "<auth xmlns='http://jabber.org/features/iq-auth'/><register xmlns='http://jabber.org/features/iq-register'/>"
                + "</s:features>\n<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'>\n</proceed>";
        Fed e = feedText(stream, piece);
        assertThat(e.tlsMayStart()).as(e.outcome()).isTrue();
        assertThat(e.fields()).containsEntry("stream-from", "caf\u00e9.example").containsEntry("starttls-required", true)
                .containsEntry("iq-auth-offered", true);
        assertThat(list(e, "sasl-mechanisms")).containsExactly("PLAIN", "LOGIN");
        assertThat(list(e, "features")).containsExactly("starttls", "mechanisms", "auth", "register");
    }

    @Test
    void theServerNameIsEscapedInTheHeader() {
        Fed e = XmppCodecTest.feedText("", 1);
        assertThat(new String(e.sent(), StandardCharsets.UTF_8)).contains("to='test.example'");
        var odd = XmppProtocol.CLIENT.prelude(XmppCodecTest.context("a'b&c<d"));
        assertThat(new String(io.tlsweep.prelude.PreludeFeed.feed(odd, new byte[0], 1).sent(), StandardCharsets.UTF_8))
                .startsWith("<?xml version='1.0'?><stream:stream to='a&apos;b&amp;c&lt;d' version='1.0'");
    }

    @Test
    void emptyFeaturesAndOldStreamsOfferNoTls() {
        assertThat(feedText(HEADER + "<stream:features/>", 1).failureKind())
                .isEqualTo(FailureKind.PRELUDE_TLS_NOT_OFFERED);
        Fed old = feedText("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' version='0.9'>", 1);
        assertThat(old.detail()).isEqualTo("the XMPP server's stream has version 0.9: a stream before XMPP 1.0, without"
                + " features and without STARTTLS");
        Fed none = feedText("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' from='old.example'>", 1);
        assertThat(none.outcome()).isEqualTo("go-on");
    }

    @Test
    void errorsAndClosesAfterStartTls() {
        String features = HEADER + "<stream:features>" + STARTTLS + "</stream:features>";
        Fed error = feedText(features + "<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "</stream:error>", 1);
        assertThat(error.failureKind()).isEqualTo(FailureKind.PRELUDE_TLS_REFUSED);
        assertThat(error.detail()).isEqualTo("the XMPP server ended the stream instead of answering STARTTLS:"
                + " policy-violation");
        assertThat(feedText(features + "</stream:stream>", 1).detail())
                .isEqualTo("the XMPP server closed the stream instead of answering STARTTLS");
        assertThat(feedText(HEADER + "</stream:stream>", 1).detail())
                .isEqualTo("the XMPP server closed the stream before its features");
        assertThat(feedText(features + "<iq type='get'/>", 1).detail())
                .isEqualTo("the XMPP server sent <iq xmlns='jabber:client'> in answer to STARTTLS");
        assertThat(feedText(HEADER + "<message/>", 1).detail())
                .isEqualTo("the XMPP server sent <message xmlns='jabber:client'> where its stream features belong");
        assertThat(feedText(HEADER + "hello", 1).outcome()).isEqualTo("go-on");
        assertThat(feedText(HEADER + "hello<", 1).detail()).isEqualTo("text in the XMPP stream: 'hello'");
    }

    /** Found by PreludeCodecFuzzTest: a broken answer read with the features; STARTTLS is then never written. */
    @Test
    void aBrokenAnswerThatCameWithTheFeaturesFailsBeforeStartTlsIsSent() {
        String stream = HEADER + "<stream:features>" + STARTTLS + "</stream:features><pro\u00a1ceed/>";
        Fed whole = feedText(stream, Integer.MAX_VALUE);
        assertThat(whole.detail()).isEqualTo("the XMPP server sent <pro\u00a1ceed xmlns='jabber:client'> in answer"
                + " to STARTTLS");
        assertThat(new String(whole.sent(), StandardCharsets.UTF_8)).doesNotContain("starttls");
        Fed bytewise = feedText(stream, 1);
        assertThat(bytewise.detail()).isEqualTo(whole.detail());
        assertThat(new String(bytewise.sent(), StandardCharsets.UTF_8)).endsWith(STARTTLS);
    }

    @Test
    void bytesAfterProceedAreRefused() {
        String features = HEADER + "<stream:features>" + STARTTLS + "</stream:features>";
        Fed e = feedText(features + PROCEED + "\u0016\u0003\u0003", Integer.MAX_VALUE);
        assertThat(e.failureKind()).isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(e.detail()).isEqualTo("3 bytes came after the XMPP server's <proceed/>, before the client's first"
                + " TLS byte");
    }

    @Test
    void dtdsEntitiesCommentsAndInstructionsAreRefusedNotExpanded() {
        String lol = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>";
        assertThat(feedText(lol, 1).detail()).isEqualTo("the XMPP server's stream breaks XMPP's XML: a DTD or markup"
                + " declaration (<!...), which XMPP forbids");
        assertThat(feedText(HEADER + "<stream:features from='&lol2;'>", 1).detail()).endsWith("an entity reference"
                + " other than the five predefined ones and character references, which XMPP forbids");
        assertThat(feedText(HEADER + "<stream:features><x>&#0;</x>", 1).failureKind())
                .isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
        assertThat(feedText(HEADER + "<!-- hi -->", 1).detail()).endsWith("a comment, which XMPP forbids");
        assertThat(feedText(HEADER + "<?php echo 1; ?>", 1).detail()).endsWith("a processing instruction, which XMPP"
                + " forbids");
        assertThat(feedText("<!ENTITY x SYSTEM 'file:///etc/passwd'>", 1).failureKind())
                .isEqualTo(FailureKind.PRELUDE_UNEXPECTED);
    }

    @Test
    void brokenXmlIsUnexpected() {
        String[] broken = {"<foo:bar xmlns='x'>", "<stream:features></stream:stream>",
            "<stream:features a='1' a='2'>", "<stream:features a=1>", "<stream:features a='1'b='2'>", "<'x'>",
            "<stream:features a='<'>", "</nothing>", "<a\u0000b/>", "<:a/>"};
        for (String b : broken) {
            assertThat(feedText(HEADER + b + "<x/>", 1).outcome()).as(b).isEqualTo("prelude-unexpected");
        }
    }

    @Test
    void tenMegabyteStreamsFailAtTheCodecsBounds() {
        String many = HEADER + "<stream:features>" + "<x/>".repeat(2_600_000);
        Fed e = feedText(many, 65536);
        assertThat(e.detail()).isEqualTo("the XMPP server sent more than 65536 bytes before TLS could start");
        Fed tag = feedText(HEADER + "<stream:features a='" + "x".repeat(10_000_000), 65536);
        assertThat(tag.detail()).endsWith("a tag of more than 8192 bytes");
        Fed text = feedText(HEADER + "<stream:features>" + " ".repeat(10_000_000), 65536);
        assertThat(text.detail()).endsWith("character data of more than 8192 bytes");
        Fed cdata = feedText(HEADER + "<stream:features><![CDATA[" + "]".repeat(10_000_000), 65536);
        assertThat(cdata.detail()).endsWith("a CDATA section of more than 8192 bytes");
        Fed banner = feedText("220 " + "x".repeat(10_000_000), 65536);
        assertThat(banner.failureKind()).isEqualTo(FailureKind.PRELUDE_OTHER_PROTOCOL);
        Fed deep = feedText(HEADER + "<stream:features>" + "<a>".repeat(100_000), 4096);
        assertThat(deep.detail()).endsWith("elements nested more than 16 deep");
        String attributes = IntStream.range(0, 40).mapToObj(i -> " a" + i + "='1'").collect(Collectors.joining());
        assertThat(feedText(HEADER + "<stream:features" + attributes + ">", 1).detail())
                .endsWith("more than 32 attributes in <stream:features>");
    }

    @Test
    void randomBytesAfterTheHeaderAreAValueHoweverSplit() {
        Random random = new Random(5222);
        String alphabet = "<>/='\"&;#x:!?[] \nabsfeturmn-CDATA";
        for (int i = 0; i < 3000; i++) {
            StringBuilder tail = new StringBuilder();
            int n = random.nextInt(80);
            for (int j = 0; j < n; j++) {
                tail.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String stream = HEADER + "<stream:features>" + tail;
            Fed whole = feedText(stream, Integer.MAX_VALUE);
            Fed bytewise = feedText(stream, 1);
            if (!bytewise.tlsMayStart()) {
                assertThat(whole.outcome()).as(stream).isEqualTo(bytewise.outcome());
            }
        }
    }
}
