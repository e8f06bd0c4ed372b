package io.tlsweep.evidence;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Cuts the {@code <Event>...</Event>} elements out of a stream of characters one at a time, whatever is around them
 * (nothing, as wevtutil writes them, or a root element, or an XML declaration), counting lines so that each event is
 * handed over with the line it starts at. An event that is not closed before the next one starts, or before the
 * input ends, is a problem at its first line; one longer than {@link SchannelEvents#MAX_EVENT} characters is a
 * problem and is dropped without being kept.
 */
final class SchannelEventCutter {
    private static final String START = "<Event";
    private static final String END = "</Event>";

    /** Where an event's text goes. */
    @FunctionalInterface
    interface Handler {
        void event(String input, long line, String xml, EvidenceSink sink);
    }

    private final String input;
    private final EvidenceSink sink;
    private final Handler handler;
    private final StringBuilder event = new StringBuilder();
    private final StringBuilder window = new StringBuilder(START.length() + 1);
    private boolean inside;
    private long line = 1;
    private long eventLine;
    private long events;

    SchannelEventCutter(String input, EvidenceSink sink, Handler handler) {
        this.input = Objects.requireNonNull(input, "input");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The line being read (from 1). */
    long line() {
        return line;
    }

    /** How many whole events were handed over. */
    long events() {
        return events;
    }

    /** Reads {@code in} to its end. */
    void cut(Reader in) throws IOException {
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                accept(buf[i]);
            }
        }
        if (inside) {
            problem(eventLine, "an event that is not closed before the input ends");
        }
    }

    private void accept(char c) {
        boolean afterName = Character.isWhitespace(c) || c == '>';
        if (inside) {
            if (afterName && event.length() > START.length() && endsWith(START)) {
                problem(eventLine, "an event that is not closed before the next one starts (line " + line + ")");
                event.setLength(0);
                event.append(START);
                eventLine = line;
            }
            event.append(c);
            if (c == '>' && endsWith(END)) {
                inside = false;
                events++;
                handler.event(input, eventLine, event.toString(), sink);
                event.setLength(0);
            } else if (event.length() > SchannelEvents.MAX_EVENT) {
                problem(eventLine, "an event longer than " + SchannelEvents.MAX_EVENT + " characters, skipped");
                inside = false;
                event.setLength(0);
            }
            window.setLength(0);
        } else {
            if (afterName && START.contentEquals(window)) {
                inside = true;
                event.append(START).append(c);
                eventLine = line;
                window.setLength(0);
            } else {
                window.append(c);
                if (window.length() > START.length()) {
                    window.deleteCharAt(0);
                }
            }
        }
        if (c == '\n') {
            line++;
        }
    }

    private boolean endsWith(String s) {
        int n = event.length();
        return n >= s.length() && event.indexOf(s, n - s.length()) == n - s.length();
    }

    private void problem(long at, String message) {
        sink.problem(new EvidenceProblem(Position.line(input, at), message));
    }
}
