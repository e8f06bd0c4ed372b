package io.tlsweep.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tlsweep.engine.handshake.BenchResult;
import io.tlsweep.metrics.Percentiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code tlsweep bench -o DIR} leaves: {@value #JSON} (the figures) and {@value #HISTOGRAMS} (the latency
 * histograms as an HdrHistogram log, readable by HdrHistogram's own tools).
 */
public final class BenchOutput {
    public static final String JSON = "bench.json";
    public static final String HISTOGRAMS = "bench.hlog";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchOutput() {
    }

    /**
     * Writes both files into {@code dir} (created when needed).
     *
     * @param target the endpoint as the user gave it
     * @param sni the server name sent, or null
     * @param concurrency the handshakes in flight
     */
    public static void write(Path dir, String target, String sni, int concurrency, BenchResult r) throws IOException {
        Files.createDirectories(dir);
        try (OutputStream hlog = Files.newOutputStream(dir.resolve(HISTOGRAMS))) {
            r.writeHistogramLog(hlog);
        }
        MAPPER.writeValue(dir.resolve(JSON).toFile(), json(target, sni, concurrency, r));
    }

    private static Map<String, Object> json(String target, String sni, int concurrency, BenchResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("sni", sni);
        m.put("spec", r.plan().spec().describe());
        m.put("mode", r.plan().mode().name().toLowerCase(Locale.ROOT));
        m.put("concurrency", concurrency);
        m.put("handshakes", r.established());
        m.put("resumed", r.resumed());
        m.put("failed", r.failed());
        m.put("errors", r.errors());
        m.put("handshakesPerSecond", r.handshakesPerSecond());
        m.put("latencyMicros", percentiles(r.latencyPercentiles()));
        m.put("serviceTimeMicros", percentiles(r.serviceTimePercentiles()));
        m.put("negotiated", r.negotiated());
        return m;
    }

    private static Map<String, Long> percentiles(Percentiles p) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("p50", p.p50());
        m.put("p90", p.p90());
        m.put("p99", p.p99());
        m.put("p99.9", p.p999());
        m.put("max", p.max());
        return m;
    }
}
