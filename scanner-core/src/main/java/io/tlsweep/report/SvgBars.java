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

    /**
     * Draws the bars; lengths are linear in {@code value / max}, or logarithmic ({@code log10(1 + value)})
     * when {@code log} is set, so that a p50 of 1 ms and a max of 10 s are both visible.
     */
    static void draw(Html h, String title, List<Bar> bars, double max, boolean log) {
        draw(h, title, bars, max, log, LABEL_WIDTH);
    }

    /** As {@link #draw(Html, String, List, double, boolean)}, with room for labels of {@code labelWidth}. */
    static void draw(Html h, String title, List<Bar> bars, double max, boolean log, int labelWidth) {
        int height = bars.size() * ROW + 8;
        int width = labelWidth + BAR_WIDTH + VALUE_WIDTH;
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", width, "height", height,
                "viewBox", "0 0 " + width + " " + height, "role", "img", "class", "chart");
        h.element("title", title);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 4 + i * ROW;
            double length = max <= 0 ? 0 : BAR_WIDTH * scale(b.value(), log) / scale(max, log);
            h.element("text", b.label(), "x", labelWidth - 8, "y", y + 16, "text-anchor", "end");
            h.open("rect", "x", labelWidth, "y", y + 3, "width", fmt(Math.max(length, b.value() > 0 ? 1 : 0)),
                    "height", ROW - 6, "fill", b.color()).close("rect");
            h.element("text", b.valueText(), "x", fmt(labelWidth + length + 6), "y", y + 16);
        }
        h.close("svg");
    }

    private static double scale(double v, boolean log) {
        return log ? Math.log10(1 + Math.max(0, v)) : Math.max(0, v);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
