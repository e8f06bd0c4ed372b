package io.tlsweep.bench.handshake;

import io.tlsweep.engine.EngineConfig;
import io.tlsweep.engine.ScanEngine;
import io.tlsweep.engine.handshake.BenchPlan;
import io.tlsweep.engine.handshake.BenchResult;
import io.tlsweep.engine.handshake.HandshakeBench;
import io.tlsweep.engine.handshake.HandshakeClient;
import io.tlsweep.engine.handshake.HandshakeSpec;
import io.tlsweep.engine.handshake.HandshakeTarget;
import io.tlsweep.engine.handshake.SessionMode;
import io.tlsweep.engine.handshake.TlsProvider;
import io.tlsweep.wire.ProtocolVersion;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sustained full handshakes against one endpoint, through an engine's gate as {@code tlsweep bench} makes them;
 * prints handshakes/s and latency percentiles.
 *
 * <pre>
 * HandshakeBenchMain HOST:PORT [--provider boringssl|jdk|bc] [--version 1.2 (repeatable)]
 *     [--suite IANA_OR_OPENSSL_NAME (repeatable)] [--concurrency 4] [--duration 10] [--rate R]
 *     [--count N] [--resume] [--sni NAME] [--warmup 2] [--event-loops N] [--hlog FILE]
 * </pre>
 * Durations are seconds. {@code --rate} switches to fixed-rate mode (latency from the intended start).
 * A closed-loop warm-up of {@code --warmup} seconds runs first and is discarded (JIT).
 */
public final class HandshakeBenchMain {
    private HandshakeBenchMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: HandshakeBenchMain HOST:PORT [--provider P] [--version V]... [--suite S]..."
                    + " [--concurrency N] [--duration S] [--rate R] [--count N] [--resume] [--sni NAME]"
                    + " [--warmup S] [--event-loops N] [--hlog FILE]");
            System.exit(2);
        }
        int colon = args[0].lastIndexOf(':');
        String host = args[0].substring(0, colon).replace("[", "").replace("]", "");
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host),
                Integer.parseInt(args[0].substring(colon + 1)));
        TlsProvider provider = TlsProvider.BORINGSSL;
        List<ProtocolVersion> versions = new ArrayList<>();
        List<String> suites = new ArrayList<>();
        int concurrency = 4;
        int eventLoops = Runtime.getRuntime().availableProcessors();
        double duration = 10;
        double warmup = 2;
        double rate = 0;
        long count = Long.MAX_VALUE;
        boolean resume = false;
        String sni = null;
        String hlog = null;
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (option.equals("--resume")) {
                resume = true;
                continue;
            }
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = rest.get(++i);
            switch (option) {
                case "--provider" -> provider = TlsProvider.parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("unknown provider " + value));
                case "--version" -> versions.add(ProtocolVersion.parse(value)
                        .orElseThrow(() -> new IllegalArgumentException("unknown version " + value)));
                case "--suite" -> suites.addAll(List.of(value.split(",")));
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--duration" -> duration = Double.parseDouble(value);
                case "--warmup" -> warmup = Double.parseDouble(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--count" -> count = Long.parseLong(value);
                case "--sni" -> sni = value;
                case "--event-loops" -> eventLoops = Integer.parseInt(value);
                case "--hlog" -> hlog = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (versions.isEmpty()) {
            versions.add(ProtocolVersion.TLSv1_2);
        }
        HandshakeSpec spec = HandshakeSpec.of(provider, versions, suites);
        HandshakeTarget target = sni == null ? HandshakeTarget.of(address) : HandshakeTarget.of(address, sni);
        // through an engine's gate, as tlsweep bench runs: -c is also its global and per-host cap
        EngineConfig engine = EngineConfig.builder().eventLoopThreads(eventLoops).maxInFlight(concurrency)
                .perHostConnections(concurrency).connectTimeout(Duration.ofSeconds(3))
                .readTimeout(Duration.ofSeconds(10)).build();
        boolean complete;
        try (ScanEngine gate = new ScanEngine(engine)) {
            HandshakeClient client = HandshakeClient.through(gate);
            HandshakeBench bench = new HandshakeBench(client, client.config());
            if (warmup > 0) {
                bench.run(BenchPlan.closedLoop(target, spec, concurrency, seconds(warmup), Long.MAX_VALUE));
            }
            BenchPlan plan = rate > 0
                    ? BenchPlan.fixedRate(target, spec, rate, concurrency, seconds(duration), count)
                    : BenchPlan.closedLoop(target, spec, concurrency, seconds(duration), count);
            BenchResult result = bench.run(plan.withSessions(resume ? SessionMode.RESUMABLE : SessionMode.FRESH));
            System.out.print("transport " + client.transportName() + ", event loops " + eventLoops
                    + ", through the engine's gate\n"
                    + result.summary());
            if (hlog != null) {
                try (OutputStream out = new FileOutputStream(hlog)) {
                    result.writeHistogramLog(out);
                }
            }
            complete = result.complete();
        }
        System.exit(complete ? 0 : 1);
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
