package io.tlsweep.evidence;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One Windows event as {@code wevtutil qe ... /f:xml} writes it, reduced to what the Schannel reader needs: the
 * provider, the event ID, {@code TimeCreated/@SystemTime}, {@code Computer}, the {@code EventData} values (by name,
 * the names' case and spaces ignored; unnamed values by position) and the rendered message when the export has one
 * ({@code /f:RenderedXml}). Parsed from one {@code <Event>} element's text with StAX, DTDs and external entities off.
 *
 * @param provider the provider's name ("Schannel"), empty when absent
 * @param id the event ID, -1 when absent or not a number
 * @param time {@code TimeCreated/@SystemTime} as written
 * @param computer the {@code Computer} element's text
 * @param data the named {@code Data} values, keyed by lower-case name without spaces or underscores
 * @param positional the values of {@code Data} elements without a name, in order
 * @param message the rendered message, empty when the export has none
 */
record SchannelEvent(String provider, int id, Optional<String> time, Optional<String> computer,
        Map<String, String> data, List<String> positional, Optional<String> message) {
    private static final XMLInputFactory XML = factory();

    SchannelEvent {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(computer, "computer");
        data = Map.copyOf(data);
        positional = List.copyOf(positional);
        Objects.requireNonNull(message, "message");
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    /** A named value, the name as the manifest spells it or with other case and spaces ("Cipher Suite"). */
    Optional<String> value(String name) {
        return Optional.ofNullable(data.get(key(name))).map(String::strip).filter(v -> !v.isEmpty());
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "").replace("_", "");
    }

    /** What one event's XML failed on, with its line within the event (from 1). */
    record Failure(long line, String message) {
    }

    /** Parses one {@code <Event>...</Event>} text; a well-formedness error is a {@link Failure}. */
    static Result parse(String xml) {
        XMLStreamReader r = null;
        try {
            r = XML.createXMLStreamReader(new StringReader(xml));
            return new Result(Optional.of(read(r)), Optional.empty());
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            int detail = why.indexOf("Message: ");
            return new Result(Optional.empty(), Optional.of(new Failure(line,
                    (detail >= 0 ? why.substring(detail + 9) : why).strip())));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing was held open: the text is in memory
                }
            }
        }
    }

    /** An event, or why its XML could not be read. */
    record Result(Optional<SchannelEvent> event, Optional<Failure> failure) {
    }

    private static SchannelEvent read(XMLStreamReader r) throws XMLStreamException {
        String provider = "";
        int id = -1;
        Optional<String> time = Optional.empty();
        Optional<String> computer = Optional.empty();
        Map<String, String> data = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        Optional<String> message = Optional.empty();
        List<String> path = new ArrayList<>();
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                path.add(name);
                String parent = path.size() > 1 ? path.get(path.size() - 2) : "";
                if (name.equals("Provider") && parent.equals("System")) {
                    provider = Objects.requireNonNullElse(r.getAttributeValue(null, "Name"), "");
                } else if (name.equals("TimeCreated") && parent.equals("System")) {
                    time = Optional.ofNullable(r.getAttributeValue(null, "SystemTime"));
                } else if (name.equals("EventID") && parent.equals("System")) {
                    id = number(r.getElementText());
                    path.remove(path.size() - 1);
                } else if (name.equals("Computer") && parent.equals("System")) {
                    computer = Optional.of(r.getElementText().strip()).filter(c -> !c.isEmpty());
                    path.remove(path.size() - 1);
                } else if (name.equals("Data") && parent.equals("EventData")) {
                    String key = r.getAttributeValue(null, "Name");
                    String value = r.getElementText();
                    if (key == null) {
                        positional.add(value);
                    } else {
                        data.put(key(key), value);
                    }
                    path.remove(path.size() - 1);
                } else if (name.equals("Message") && parent.equals("RenderingInfo")) {
                    message = Optional.of(r.getElementText());
                    path.remove(path.size() - 1);
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                path.remove(path.size() - 1);
            }
        }
        return new SchannelEvent(provider, id, time, computer, data, positional, message);
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
