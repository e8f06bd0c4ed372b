package io.tlsweep.report;

/**
 * The report's inline style sheet (no external fonts: system font stacks only), for the screen and for print: on
 * paper no table is clipped (wide ones shrink, long text wraps in its cell, an endpoint never breaks inside
 * {@code host:port}), rows, cards and charts are not split across pages, folded details print their content, and
 * the cell colours are kept.
 */
final class HtmlStyle {
    static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em auto;\
            max-width:1200px;padding:0 1em;color:#222;line-height:1.4}
            h1{font-size:1.6em;margin-bottom:.3em}h2{margin-top:1.8em;border-bottom:2px solid #ddd;padding-bottom:.2em}
            dl.run{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;color:#444}
            dl.run dt{font-weight:600}dl.run dd{margin:0;word-break:break-all}
            .cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
            .card{border:1px solid #ddd;border-top:6px solid #999;border-radius:6px;padding:.8em 1em;min-width:140px}
            .card.total{border-top-color:#1565c0}
            .num{font-size:2.6em;font-weight:700;line-height:1}.label{font-weight:600;margin-top:.3em}
            td.num{font-size:1em;font-weight:400;text-align:right;white-space:nowrap}
            .code{font-size:.8em;color:#777;font-family:monospace}
            table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}
            th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.yes{background:#ffe0b2;text-align:center}td.no{color:#999;text-align:center}
            td.modern{background:#c8e6c9;text-align:center}td{overflow-wrap:anywhere}
            td.endpoint,td.verdict,#breaking td:first-child,#version-matrix td:first-child,\
            #inconsistent td:first-child,#checks td:first-child,table[id^="check-"] td:first-child\
            {white-space:nowrap;overflow-wrap:normal}
            #checks th{overflow-wrap:anywhere;font-size:.85em}td.labels{overflow-wrap:normal}
            td.long{min-width:10em}td.why{min-width:18em}#endpoints td.long{min-width:7em}#endpoints td.why{min-width:14em}
            #legacy-off td:nth-child(3),#what-if td:nth-child(3),#findings td:last-child,#failures td:last-child\
            {overflow-wrap:break-word}
            .more,.note{color:#666;font-style:italic}svg.chart{max-width:100%;height:auto;font-size:13px}
            svg.chart text{fill:#222}small{color:#666}.wide{overflow-x:auto}
            details>summary{cursor:pointer;color:#1565c0}
            table.matrix{width:auto;font-size:.85em}table.matrix th[title]{text-align:center;min-width:2.6em}
            table.matrix td{text-align:center;white-space:nowrap;overflow-wrap:normal;padding:.2em .3em}
            table.matrix td.endpoint{text-align:left}table.matrix td.no{background:#ffcdd2;color:#000}
            dl.legend{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:.1em .6em;font-size:.85em}
            dl.legend dt{font-weight:600}dl.legend dd{margin:0}
            td.check{text-align:center}td.vuln{background:#ffcdd2}td.fine{color:#2e7d32}td.na{color:#999}
            td.unsure{background:#fff3e0}td.check details small{display:block;text-align:left}
            td.severity-critical{background:#b71c1c;color:#fff;font-weight:600}td.severity-high{background:#ffcdd2}
            td.severity-medium{background:#ffe0b2}td.severity-low{background:#fff9c4}td.severity-info{color:#666}
            @page{margin:12mm}
            @media print{
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            body{max-width:none;margin:0;padding:0;font-size:10pt;color:#000}
            h2{margin-top:1em;break-after:avoid}h3{break-after:avoid}
            table{font-size:8.5pt;width:100%}table.matrix{width:auto;font-size:8pt}
            tr,.card,svg.chart,dl.legend,dl.run{break-inside:avoid}
            .wide{overflow:visible}.more,.note,small{color:#333}
            details>summary{color:#000}details::details-content{content-visibility:visible;display:block}
            svg.chart{width:100%;height:auto}
            }
            """;

    private HtmlStyle() {
    }
}
