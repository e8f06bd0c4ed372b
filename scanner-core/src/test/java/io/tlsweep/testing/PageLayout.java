package io.tlsweep.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's layout as Chromium computed it ({@link HeadlessChromium#layout}): the window's width and the document's
 * scroll width (wider means the page scrolls sideways) and height, the box of every element with an id (page
 * coordinates, CSS pixels), the rendered text of every section, table, details and dl with an id, per section how
 * many elements of each tag it holds, and every {@code host:port} that starts a table cell and is laid out on more
 * than one line.
 */
public record PageLayout(int viewportWidth, int scrollWidth, int scrollHeight, Map<String, Box> boxes,
        Map<String, String> texts, Map<String, Map<String, Integer>> tags, List<String> wrappedEndpoints) {

    /** An element's box. */
    public record Box(double left, double top, double right, double bottom) {
        public double width() {
            return right - left;
        }

        public double height() {
            return bottom - top;
        }
    }

    /** Runs at the end of the page's body; writes what it measured, as base64 JSON, into a div of its own. */
    static final String PROBE = """
            (function () {
              var d = document.documentElement;
              var out = {viewportWidth: d.clientWidth, scrollWidth: d.scrollWidth, scrollHeight: d.scrollHeight,
                boxes: {}, texts: {}, tags: {}, wrappedEndpoints: []};
              document.querySelectorAll('[id]').forEach(function (e) {
                var r = e.getBoundingClientRect();
                out.boxes[e.id] = {left: r.left + window.scrollX, top: r.top + window.scrollY,
                  right: r.right + window.scrollX, bottom: r.bottom + window.scrollY};
                var tag = e.tagName.toLowerCase();
                if (['section', 'table', 'details', 'dl'].indexOf(tag) >= 0) {
                  out.texts[e.id] = e.innerText;
                }
                if (tag === 'section') {
                  var counts = {};
                  e.querySelectorAll('*').forEach(function (x) {
                    var n = x.tagName.toLowerCase();
                    counts[n] = (counts[n] || 0) + 1;
                  });
                  out.tags[e.id] = counts;
                }
              });
              document.querySelectorAll('td').forEach(function (td) {
                var text = td.firstChild;
                var hostPort = text && text.nodeType === 3
                  ? /^(\\[[0-9A-Fa-f:.]+\\]|[^\\s:,]+):[0-9]+/.exec(text.data) : null;
                if (!hostPort) { return; }
                var range = document.createRange();
                range.setStart(text, 0);
                range.setEnd(text, hostPort[0].length);
                var lines = {};
                Array.prototype.forEach.call(range.getClientRects(), function (r) {
                  if (r.width > 0) { lines[Math.round(r.top)] = true; }
                });
                if (Object.keys(lines).length > 1) { out.wrappedEndpoints.push(hostPort[0]); }
              });
              var probe = document.createElement('div');
              probe.id = 'layout-probe';
              probe.setAttribute('data-json', btoa(unescape(encodeURIComponent(JSON.stringify(out)))));
              document.body.appendChild(probe);
            })();
            """;
    private static final Pattern WRITTEN = Pattern.compile("id=\"layout-probe\" data-json=\"([A-Za-z0-9+/=]*)\"");

    static PageLayout of(String dom) throws IOException {
        Matcher m = WRITTEN.matcher(dom);
        if (!m.find()) {
            throw new IOException("the measuring script wrote nothing into the page (did it run?)");
        }
        JsonNode json = new ObjectMapper().readTree(new String(Base64.getDecoder().decode(m.group(1)),
                StandardCharsets.UTF_8));
        Map<String, Box> boxes = new LinkedHashMap<>();
        json.get("boxes").fields().forEachRemaining(e -> boxes.put(e.getKey(), new Box(e.getValue().get("left")
                .asDouble(), e.getValue().get("top").asDouble(), e.getValue().get("right").asDouble(),
                e.getValue().get("bottom").asDouble())));
        Map<String, String> texts = new LinkedHashMap<>();
        json.get("texts").fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        Map<String, Map<String, Integer>> tags = new LinkedHashMap<>();
        json.get("tags").fields().forEachRemaining(e -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(c -> counts.put(c.getKey(), c.getValue().asInt()));
            tags.put(e.getKey(), counts);
        });
        List<String> wrapped = new ArrayList<>();
        json.get("wrappedEndpoints").forEach(n -> wrapped.add(n.asText()));
        return new PageLayout(json.get("viewportWidth").asInt(), json.get("scrollWidth").asInt(),
                json.get("scrollHeight").asInt(), boxes, texts,
                tags, wrapped);
    }

    /** The box of the element with this id, if the page has one. */
    public Optional<Box> box(String id) {
        return Optional.ofNullable(boxes.get(id));
    }

    /** The rendered text of the section, table, details or dl with this id, if the page has one. */
    public Optional<String> text(String id) {
        return Optional.ofNullable(texts.get(id));
    }

    /** How many {@code tag} elements the section with this id holds (0 when none, or no such section). */
    public int count(String sectionId, String tag) {
        return tags.getOrDefault(sectionId, Map.of()).getOrDefault(tag, 0);
    }

    /** The ids of the page's tables (and of any element) whose id starts with {@code prefix}. */
    public List<String> ids(String prefix) {
        return boxes.keySet().stream().filter(id -> id.startsWith(prefix)).toList();
    }
}
