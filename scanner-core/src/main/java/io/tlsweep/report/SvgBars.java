package io.tlsweep.report;

import java.util.List;
import java.util.Locale;

/** A horizontal bar chart as inline SVG: one labelled bar per row, its value written beside it. */
final class SvgBars {
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_WIDTH = 480;
    private static final int VALUE_WIDTH = 130;
    private static final int ROW = 24;

    /** One bar; {@code value} decides the length, {@code valueText} is what is written. */
    record Bar(String label, double value, String valueText, String color) {
    }

    private SvgBars() {
    }

    /** Draws the bars; lengths are linear in {@code value / max}. */
    static void draw(Html h, String title, List<Bar> bars, double max) {
        int height = bars.size() * ROW + 8;
        int width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height,
                "viewBox", "0 0 " + width + " " + height, "role", "img", "class", "chart");
        h.element("title", title);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 4 + i * ROW;
            double length = max <= 0 ? 0 : BAR_WIDTH * Math.max(0, b.value()) / max;
            h.element("text", b.label(), "x", LABEL_WIDTH - 8, "y", y + 16, "text-anchor", "end");
            h.open("rect", "x", LABEL_WIDTH, "y", y + 3, "width", fmt(Math.max(length, b.value() > 0 ? 1 : 0)),
                    "height", ROW - 6, "fill", b.color()).close("rect");
            h.element("text", b.valueText(), "x", fmt(LABEL_WIDTH + length + 6), "y", y + 16);
        }
        h.close("svg");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
