package io.tlsweep.evidence;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ProtocolVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows Schannel events exported as XML ({@code wevtutil qe System /q:"*[System[(EventID=36880 or
 * EventID=36874)]]" /f:xml}; with or without a root element around the events, UTF-8 or UTF-16 with its byte order
 * mark). The events are cut out of the text one at a time (an event longer than {@link #MAX_EVENT} characters is a
 * problem and skipped) and each is parsed with StAX, so a file of any size is streamed and an event whose XML is
 * broken, or that never closes, is a problem at its line while the events after it are still read.
 *
 * <p>36880 (a handshake completed) gives the version ({@code Protocol}: "TLS 1.0") and the suite
 * ({@code CipherSuite}: "0xC014", named through the registry; the older {@code Cipher} name where that is all the
 * event has); 36874 (a client asked for a version the server does not accept) gives a failed handshake with the
 * version asked for. Neither event names the client's address: the server endpoint is the {@code Computer} (a host
 * name) and the client is unknown. A 36880 of {@code Type} "client" is this computer's own handshake with
 * {@code TargetName}. The other events (36871, 36887, 36888: alerts and credential errors) name no version and are
 * skipped.
 */
public final class SchannelEvents implements EvidenceReader {
    /** The longest event kept: a 36880 with two certificate subjects is about 2 KB. */
    public static final int MAX_EVENT = 1 << 20;

    private static final String NAMESPACE = "schemas.microsoft.com/win/2004/08/events/event";
    private static final Pattern MESSAGE_PROTOCOL = Pattern.compile("Protocol(?: version)?:\\s*([A-Za-z]+ ?[0-9.]+)");
    private static final Pattern MESSAGE_SUITE = Pattern.compile("CipherSuite:\\s*(0x[0-9A-Fa-f]{1,4})");
    private static final Pattern REQUEST = Pattern.compile("An? ([A-Za-z]+ ?[0-9.]+) connection request was received");

    @Override
    public String name() {
        return "schannel";
    }

    @Override
    public String about() {
        return "Windows Schannel events 36880/36874 as XML (wevtutil qe System /f:xml)";
    }

    @Override
    public boolean recognises(byte[] head) {
        String text = new String(head, charset(head));
        return text.contains("<Event") && text.contains(NAMESPACE);
    }

    /** UTF-16 by its byte order mark or its first '<', UTF-8 otherwise. */
    static Charset charset(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || head.length >= 2 && head[0] == '<' && head[1] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || head.length >= 2 && head[0] == 0 && head[1] == '<') {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    @Override
    public void read(EvidenceInput in, EvidenceSink sink) {
        SchannelEventCutter cutter = new SchannelEventCutter(in.name(), sink, this::event);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in.stream(), charset(in.head())),
                65536)) {
            cutter.cut(reader);
        } catch (IOException e) {
            sink.problem(new EvidenceProblem(Position.line(in.name(), cutter.line()), "the input could not be read"
                    + " past here" + (in.compressed() ? " (byte " + in.fileOffset() + " of the compressed file)" : "")
                    + ": " + e.getMessage() + "; the " + cutter.events() + " events before it were read"));
        }
    }

    /** One event's text, cut out at {@code line}: an observation, a problem, or nothing. */
    private void event(String name, long line, String xml, EvidenceSink sink) {
        SchannelEvent.Result parsed = SchannelEvent.parse(xml);
        if (parsed.failure().isPresent()) {
            SchannelEvent.Failure f = parsed.failure().get();
            sink.problem(new EvidenceProblem(Position.line(name, line + f.line() - 1), "bad event XML: "
                    + f.message()));
            return;
        }
        SchannelEvent e = parsed.event().orElseThrow();
        if (!e.provider().isEmpty() && !e.provider().equalsIgnoreCase("Schannel")) {
            return;
        }
        Optional<String> why = switch (e.id()) {
            case 36880 -> completed(e, sink);
            case 36874 -> refused(e, sink);
            default -> Optional.empty();
        };
        why.ifPresent(w -> sink.problem(new EvidenceProblem(Position.line(name, line), "event " + e.id() + ": " + w)));
    }

    /** A 36880: the handshake's version and suite at this computer. */
    private static Optional<String> completed(SchannelEvent e, EvidenceSink sink) {
        Optional<String> protocol = e.value("Protocol").or(() -> e.message().flatMap(m -> group(MESSAGE_PROTOCOL, m)));
        if (protocol.isEmpty()) {
            return Optional.of("no Protocol in its EventData (nor in a rendered message)");
        }
        Optional<ProtocolVersion> version = version(protocol.get());
        if (version.isEmpty()) {
            return Optional.of("unknown protocol '" + protocol.get() + "'");
        }
        Optional<String> suite = e.value("CipherSuite").or(() -> e.message().flatMap(m -> group(MESSAGE_SUITE, m)));
        String cipher = null;
        if (suite.isPresent()) {
            Optional<Integer> code = hex(suite.get());
            if (code.isEmpty()) {
                return Optional.of("CipherSuite '" + suite.get() + "' is not a hex code");
            }
            cipher = CipherSuite.of(code.get()).ianaName();
        } else {
            cipher = e.value("Cipher").or(() -> e.value("CipherName")).orElse(null);
        }
        Observation o = Observation.established("schannel").negotiated(version.get(), cipher);
        Optional<Observation> timed = at(o, e);
        if (timed.isEmpty()) {
            return Optional.of("bad TimeCreated/@SystemTime " + e.time().orElse("(none)"));
        }
        o = timed.get();
        if (e.value("Type").filter(t -> t.equalsIgnoreCase("client")).isPresent()) {
            o = e.computer().map(o::from).orElse(o);
            o = e.value("TargetName").map(o::named).orElse(o);
        } else {
            o = o.to(e.computer().orElse(null), -1);
        }
        sink.observed(o);
        return Optional.empty();
    }

    /** A 36874: a client asked for a version this server does not accept: a failed handshake at that version. */
    private static Optional<String> refused(SchannelEvent e, EvidenceSink sink) {
        Optional<String> protocol = e.value("Protocol").or(() -> e.message().flatMap(m -> group(REQUEST, m)));
        if (protocol.isEmpty()) {
            return Optional.of("no Protocol in its EventData (nor in a rendered message)");
        }
        Optional<ProtocolVersion> version = version(protocol.get());
        if (version.isEmpty()) {
            return Optional.of("unknown protocol '" + protocol.get() + "'");
        }
        Optional<Observation> o = at(Observation.established("schannel").negotiated(version.get(), null).failed(), e);
        if (o.isEmpty()) {
            return Optional.of("bad TimeCreated/@SystemTime " + e.time().orElse("(none)"));
        }
        sink.observed(o.get().to(e.computer().orElse(null), -1));
        return Optional.empty();
    }

    private static Optional<Observation> at(Observation o, SchannelEvent e) {
        if (e.time().isEmpty()) {
            return Optional.of(o);
        }
        try {
            return Optional.of(o.at(OffsetDateTime.parse(e.time().get().strip()).toInstant()));
        } catch (DateTimeException ex) {
            return Optional.empty();
        }
    }

    /** "TLS 1.2", "TLS 1.0", "SSL 3.0", "TLSv1.2". */
    static Optional<ProtocolVersion> version(String text) {
        return ProtocolVersion.parse(text.replace(" ", ""));
    }

    private static Optional<Integer> hex(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (!t.startsWith("0x") || t.length() < 3 || t.length() > 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(t.substring(2), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
