package io.tlsweep.prelude.xmpp;

import io.tlsweep.prelude.OtherProtocol;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.ShortText;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One connection's XMPP STARTTLS (RFC 6120 section 5.4): sends the stream header, reads the server's header
 * and {@code <stream:features>}; with {@code <starttls/>} among them sends {@code <starttls/>} and reads the
 * answer: {@code <proceed/>} lets TLS start, {@code <failure/>} or a stream error refuses. No STARTTLS feature,
 * or a stream of version 0.x, is TLS not offered; a stream error before the features turns the client away. A
 * header without a version is read on (Prosody sends one before a stream error): a server from before XMPP 1.0
 * then sends nothing more, and the prelude ends by its deadline with the header's facts. The server's XML is
 * read by {@link XmlTokenizer} (bounded, no DTD, no entities) and may take at most {@value #MAX_BYTES} bytes. Bytes after {@code <proceed/>}, before the client's first TLS byte, are refused:
 * no server sends them, and injected ones would be read as the server's TLS.
 */
final class XmppCodec implements PreludeCodec {
    static final String STREAMS = "http://etherx.jabber.org/streams";
    private static final String FEATURES = STREAMS + " features";
    private static final String ERROR = STREAMS + " error";
    private static final String PROCEED = FeatureList.TLS + " proceed";
    /** The most bytes the server may send before TLS starts. */
    static final int MAX_BYTES = 65536;
    static final byte[] STARTTLS = ("<starttls xmlns='" + FeatureList.TLS + "'/>").getBytes(StandardCharsets.US_ASCII);

    private enum Stage { HEADER, FEATURES, ANSWER }

    private final XmppPrelude prelude;
    private final XmlTokenizer xml = new XmlTokenizer();
    private final FeatureList features = new FeatureList();
    private Stage stage = Stage.HEADER;
    private boolean featuresRead;
    private long total;
    private Optional<String> from = Optional.empty();
    private Optional<String> version = Optional.empty();
    private String inside = "";
    private StreamError error;

    private final boolean overTls;

    /**
     * @param overTls read the stream that restarts over TLS: its features are the end ({@link XmppAfterTls} reads
     *     them from the {@link PreludeStep.TlsMayStart} this codec then answers with), and no STARTTLS is asked
     */
    XmppCodec(XmppPrelude prelude, boolean overTls) {
        this.prelude = prelude;
        this.overTls = overTls;
    }

    @Override
    public PreludeStep start() {
        return new PreludeStep.GoOn(0, prelude.streamHeader());
    }

    @Override
    public PreludeStep read(byte[] in, int offset, int length) {
        int at = offset;
        int end = offset + length;
        while (true) {
            int first = stage == Stage.HEADER ? skipSpace(in, at, end) : end;
            if (first < end && in[first] != '<') {
                return notXmpp(in, first, end - first, at - offset);
            }
            XmlToken t = xml.next(in, at, end - at);
            if (t instanceof XmlToken.NeedMore) {
                return new PreludeStep.GoOn(at - offset, new byte[0]);
            }
            if (t instanceof XmlToken.Malformed m) {
                return failed(at - offset, FailureKind.PRELUDE_UNEXPECTED, "the XMPP server's stream breaks"
                        + " XMPP's XML: " + m.reason());
            }
            at += consumed(t);
            total += consumed(t);
            if (total > MAX_BYTES) {
                return failed(at - offset, FailureKind.PRELUDE_UNEXPECTED, "the XMPP server sent more than "
                        + MAX_BYTES + " bytes before TLS could start");
            }
            PreludeStep step = handle(t, at - offset, end - at);
            if (step != null) {
                return step;
            }
        }
    }

    /** The step a token decides, or null to read on. */
    private PreludeStep handle(XmlToken t, int consumed, int remaining) {
        if (t instanceof XmlToken.Text text) {
            features.text(text.text());
            if (error != null) {
                error.text(text.text());
            }
            boolean stray = inside.isEmpty() && !text.text().isBlank();
            return stray ? failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "text in the XMPP stream: '"
                    + ShortText.of(text.text().strip()) + "'") : null;
        }
        if (t instanceof XmlToken.Start s) {
            if (s.depth() > 2) {
                nested(s);
                return null;
            }
            return s.depth() == 1 ? header(s, consumed) : topLevel(s, consumed, remaining);
        }
        if (t instanceof XmlToken.End e) {
            return ended(e.depth(), consumed, remaining);
        }
        return null;
    }

    private PreludeStep header(XmlToken.Start s, int consumed) {
        if (!s.namespace().equals(STREAMS) || !s.name().equals("stream") || s.empty()) {
            return failed(consumed, FailureKind.PRELUDE_OTHER_PROTOCOL, "the server answered the XMPP stream header"
                    + " with <" + s.name() + (s.namespace().isEmpty() ? "" : " xmlns='" + s.namespace() + "'")
                    + (s.empty() ? "/" : "") + ">");
        }
        from = Optional.ofNullable(s.attributes().get("from")).map(ShortText::of);
        version = Optional.ofNullable(s.attributes().get("version")).map(ShortText::of);
        stage = Stage.FEATURES;
        if (version.filter(v -> v.startsWith("0.")).isPresent()) {
            return failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the XMPP server's stream has version "
                    + version.get() + ": a stream before XMPP 1.0, without features and without STARTTLS");
        }
        return null;
    }

    private PreludeStep topLevel(XmlToken.Start s, int consumed, int remaining) {
        inside = s.namespace() + " " + s.name();
        if (inside.equals(ERROR)) {
            error = new StreamError();
            return s.empty() ? streamError(consumed) : null;
        }
        if (stage == Stage.FEATURES && inside.equals(FEATURES)) {
            return s.empty() ? afterFeatures(consumed) : null;
        }
        if (stage == Stage.ANSWER && inside.equals(PROCEED)) {
            return s.empty() ? proceed(consumed, remaining) : null;
        }
        if (stage == Stage.ANSWER && inside.equals(FeatureList.TLS + " failure")) {
            return failed(consumed, FailureKind.PRELUDE_TLS_REFUSED, "the XMPP server refused STARTTLS: <failure/>");
        }
        return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, "the XMPP server sent <" + s.name() + " xmlns='"
                + s.namespace() + "'> " + (stage == Stage.FEATURES ? "where its stream features belong"
                : "in answer to STARTTLS"));
    }

    private void nested(XmlToken.Start s) {
        if (inside.equals(FEATURES)) {
            if (s.depth() == 3) {
                features.child(s);
            } else if (s.depth() == 4) {
                features.grandchild(s);
            }
        } else if (inside.equals(ERROR) && s.depth() == 3) {
            error.child(s);
        }
    }

    private PreludeStep ended(int depth, int consumed, int remaining) {
        if (depth == 4) {
            features.endGrandchild();
        } else if (depth == 3) {
            features.endChild();
            if (error != null) {
                error.endChild();
            }
        } else if (depth == 2) {
            String was = inside;
            inside = "";
            if (was.equals(ERROR)) {
                return streamError(consumed);
            }
            if (was.equals(FEATURES)) {
                return afterFeatures(consumed);
            }
            if (was.equals(PROCEED)) {
                return proceed(consumed, remaining);
            }
        } else if (depth == 1) {
            return failed(consumed, stage == Stage.ANSWER ? FailureKind.PRELUDE_TLS_REFUSED
                    : FailureKind.PRELUDE_UNEXPECTED, "the XMPP server closed the stream "
                    + (stage == Stage.ANSWER ? "instead of answering STARTTLS" : "before its features"));
        }
        return null;
    }

    private PreludeStep afterFeatures(int consumed) {
        featuresRead = true;
        inside = "";
        if (overTls) {
            return new PreludeStep.TlsMayStart(consumed, facts());
        }
        if (!features.starttls()) {
            return failed(consumed, FailureKind.PRELUDE_TLS_NOT_OFFERED, "the XMPP server does not offer STARTTLS"
                    + " (no <starttls/> among its stream features)");
        }
        stage = Stage.ANSWER;
        return new PreludeStep.GoOn(consumed, STARTTLS);
    }

    private PreludeStep proceed(int consumed, int remaining) {
        if (remaining > 0) {
            return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, remaining + " bytes came after the XMPP server's"
                    + " <proceed/>, before the client's first TLS byte");
        }
        return new PreludeStep.TlsMayStart(consumed, facts());
    }

    private PreludeStep streamError(int consumed) {
        String condition = error.condition().orElse("no condition");
        String said = condition + error.text().map(t -> " '" + t + "'").orElse("");
        boolean nameless = prelude.domain().isEmpty()
                && (condition.equals("improper-addressing") || condition.equals("host-unknown"));
        String hint = nameless ? " (the target has no server name, so the stream header had no to=: give it"
                + " sni=DOMAIN)" : "";
        return stage == Stage.ANSWER
                ? failed(consumed, FailureKind.PRELUDE_TLS_REFUSED, "the XMPP server ended the stream instead of"
                        + " answering STARTTLS: " + said)
                : failed(consumed, FailureKind.PRELUDE_SERVICE_REFUSED, "the XMPP server ended the stream: " + said
                        + hint);
    }

    private PreludeStep notXmpp(byte[] in, int at, int length, int consumed) {
        OtherProtocol.FirstLine first = OtherProtocol.firstLine(in, at, length);
        if (first instanceof OtherProtocol.FirstLine.Undecided) {
            return new PreludeStep.GoOn(consumed, new byte[0]);
        }
        if (first instanceof OtherProtocol.FirstLine.Text text) {
            return failed(consumed, FailureKind.PRELUDE_OTHER_PROTOCOL, "another protocol answered the XMPP stream"
                    + " header: '" + text.line() + "'");
        }
        return failed(consumed, FailureKind.PRELUDE_UNEXPECTED, String.format("the answer to the XMPP stream header"
                + " is not XML: byte 0x%02X", in[at] & 0xFF));
    }

    private static int skipSpace(byte[] in, int from, int end) {
        int i = from;
        while (i < end && (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static int consumed(XmlToken t) {
        if (t instanceof XmlToken.Declaration d) {
            return d.consumed();
        }
        if (t instanceof XmlToken.Start s) {
            return s.consumed();
        }
        if (t instanceof XmlToken.End e) {
            return e.consumed();
        }
        return ((XmlToken.Text) t).consumed();
    }

    private XmppFacts facts() {
        return new XmppFacts(prelude.protocol(), from, version,
                featuresRead ? Optional.of(features.features()) : Optional.empty(),
                Optional.ofNullable(error).flatMap(StreamError::condition),
                Optional.ofNullable(error).flatMap(StreamError::text));
    }

    private PreludeStep failed(int consumed, FailureKind kind, String detail) {
        return new PreludeStep.Failed(consumed, Failure.of(kind, detail), factsSoFar());
    }

    @Override
    public Optional<PreludeFacts> factsSoFar() {
        return stage == Stage.HEADER ? Optional.empty() : Optional.of(facts());
    }
}
