package io.tlsweep.evidence;

import io.tlsweep.evidence.capture.PcapReader;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The built-in readers, in the order detection tries them (the most particular first). */
public final class EvidenceReaders {
    /** Every format tlsweep reads. */
    public static final List<EvidenceReader> BUILT_IN = List.of(
            new PcapReader(),
            new SchannelEvents(),
            new ExchangeLog(),
            new PostfixLog(),
            new ZeekSslLog(),
            new IisW3cLog(),
            new NginxLog(),
            new ApacheLog(),
            new HaproxyLog());

    private EvidenceReaders() {
    }

    /** The reader of that name, ignoring case. */
    public static Optional<EvidenceReader> named(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return BUILT_IN.stream().filter(r -> r.name().equals(n)).findFirst();
    }

    /** The first reader that recognises this head. */
    public static Optional<EvidenceReader> detect(byte[] head) {
        return BUILT_IN.stream().filter(r -> r.recognises(head)).findFirst();
    }

    /** The names, for messages and {@code --help}: "nginx, apache, ...". */
    public static String names() {
        return BUILT_IN.stream().map(EvidenceReader::name).collect(Collectors.joining(", "));
    }

    /**
     * Reads {@code in} with {@code given}, or with the reader that recognises it; an input no reader recognises is
     * one problem at its start, naming the formats and {@code --format}.
     */
    public static void read(EvidenceInput in, Optional<EvidenceReader> given, EvidenceSink sink) {
        Optional<EvidenceReader> reader = given.or(() -> detect(in.head()));
        if (reader.isEmpty()) {
            sink.problem(new EvidenceProblem(Position.offset(in.name(), 0), "format not recognised"
                    + (in.compressed() ? " (after gunzip)" : "") + "; give it with --format (" + names() + ")"));
            return;
        }
        reader.get().read(in, sink);
    }
}
