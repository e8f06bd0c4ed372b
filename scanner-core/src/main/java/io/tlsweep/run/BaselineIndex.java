package io.tlsweep.run;

import io.tlsweep.analysis.FindingKinds;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tlsweep.analysis.CertificateCheck;
import io.tlsweep.cert.ChainPolicy;
import io.tlsweep.cert.ChainReport;
import io.tlsweep.probe.Baseline;
import io.tlsweep.report.ChainJson;
import io.tlsweep.report.ResultJson;
import io.tlsweep.report.ShortLine;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The baseline run of a re-check, kept on disk: only each finished target's key and the offset of its line in
 * the baseline's results.jsonl are held in memory (two sorted long arrays, 16 bytes a target); a line is read
 * back when its target is planned, and again when it is found unchanged and its line is carried into the new run.
 */
public final class BaselineIndex implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RandomAccessFile file;
    private final long[] keys;
    private final long[] offsets;
    private final String runId;

    private BaselineIndex(RandomAccessFile file, long[] keys, long[] offsets, String runId) {
        this.file = file;
        this.keys = keys;
        this.offsets = offsets;
        this.runId = runId;
    }

    public static BaselineIndex open(Path results, String runId) throws IOException {
        Offsets offsets = new Offsets();
        try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(results),
                1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
            long position = 0;
            long start = 0;
            int c;
            while ((c = in.read()) != -1) {
                position++;
                if (c != '\n') {
                    line.write(c);
                    continue;
                }
                index(offsets, line, start);
                line.reset();
                start = position;
            }
            index(offsets, line, start);
        }
        return offsets.index(new RandomAccessFile(results.toFile(), "r"), runId);
    }

    /**
     * Keys and line offsets as they are read, then sorted by key; when an endpoint has several lines the last
     * wins, as in the reports.
     */
    private static final class Offsets {
        private long[] keys = new long[1024];
        private long[] at = new long[1024];
        private int n;

        void add(long key, long offset) {
            if (n == keys.length) {
                keys = java.util.Arrays.copyOf(keys, n * 2);
                at = java.util.Arrays.copyOf(at, n * 2);
            }
            keys[n] = key;
            at[n++] = offset;
        }

        BaselineIndex index(RandomAccessFile file, String runId) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : keys[a] != keys[b]
                    ? Long.compare(keys[a], keys[b]) : Integer.compare(b, a));
            long[] sortedKeys = new long[n];
            long[] sortedAt = new long[n];
            int m = 0;
            for (int i : order) {
                if (m > 0 && sortedKeys[m - 1] == keys[i]) {
                    continue;
                }
                sortedKeys[m] = keys[i];
                sortedAt[m++] = at[i];
            }
            return new BaselineIndex(file, java.util.Arrays.copyOf(sortedKeys, m), java.util.Arrays.copyOf(sortedAt, m),
                    runId);
        }
    }

    /** Keeps the offset of one line; an unreadable line is left out, so its target is scanned in full. */
    private static void index(Offsets offsets, ByteArrayOutputStream line, long start) {
        if (line.size() == 0) {
            return;
        }
        try {
            offsets.add(Journal.key(ShortLine.read(JSON, line.toString(StandardCharsets.UTF_8))), start);
        } catch (IOException e) {
            // left out: scanned in full
        }
    }

    public String runId() {
        return runId;
    }

    public int size() {
        return keys.length;
    }

    /** The baseline line of {@code t}, if it has one. */
    public synchronized Optional<ResultJson> line(Target t) {
        int i = java.util.Arrays.binarySearch(keys, Journal.key(t));
        if (i < 0) {
            return Optional.empty();
        }
        try {
            file.seek(offsets[i]);
            return Optional.ofNullable(ShortLine.read(JSON, readLine(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * What a re-check needs of {@code t}'s baseline: its accepted versions with their suites and order; empty
     * (so the target is scanned in full) when it had none or was not enumerated in full.
     */
    public Optional<Baseline> baseline(Target t) {
        return line(t).flatMap(BaselineIndex::baselineOf);
    }

    public static Optional<Baseline> baselineOf(ResultJson r) {
        if (!"ok".equals(r.status()) || r.protocols() == null || r.protocols().isEmpty()) {
            return Optional.empty();
        }
        List<Baseline.Version> versions = new ArrayList<>();
        for (ResultJson.ProtocolJson p : r.protocols()) {
            Optional<ProtocolVersion> v = ProtocolVersion.parse(p.version());
            if (!p.complete() || v.isEmpty() || p.cipherSuites() == null || p.cipherSuites().isEmpty()) {
                return Optional.empty();
            }
            List<CipherSuite> suites = p.cipherSuites().stream().map(s -> CipherSuite.of(Hex.parseU16(s.code())))
                    .toList();
            PreferenceOrder order = "server".equals(p.order()) ? PreferenceOrder.SERVER
                    : "client".equals(p.order()) ? PreferenceOrder.CLIENT : PreferenceOrder.UNKNOWN;
            versions.add(new Baseline.Version(v.get(), suites, order));
        }
        Optional<String> leaf = r.certificates() == null || r.certificates().isEmpty() ? Optional.empty()
                : Optional.ofNullable(r.certificates().get(0).sha256());
        try {
            return Optional.of(new Baseline(versions, leaf));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a version twice, or one no hello offers: scanned in full
        }
    }

    /**
     * The baseline line carried into the new run for an endpoint found unchanged: the same findings, verdict,
     * profiles, next steps and policies judged, the certificate checked again as of {@code now} (it may be expiring
     * by now), this run's connections and time, and a note saying so; not the evidence of use joined with the
     * baseline run.
     */
    public ResultJson unchanged(ResultJson b, int connections, long elapsedMs, ChainPolicy policy, Instant now) {
        List<byte[]> chain = b.certificates() == null ? List.of() : b.certificates().stream()
                .map(c -> Base64.getDecoder().decode(c.der())).toList();
        Optional<String> name = Optional.ofNullable(b.sni()).or(() -> Optional.ofNullable(b.host())
                .filter(h -> h.contains(":") || h.matches("\\d{1,3}(\\.\\d{1,3}){3}")));
        Optional<ChainReport> report = CertificateCheck.of(chain, name, policy, now);
        List<ResultJson.FindingJson> findings = new ArrayList<>();
        int certificateAt = -1;
        for (ResultJson.FindingJson f : b.findings() == null ? List.<ResultJson.FindingJson>of() : b.findings()) {
            if (!f.kind().startsWith("cert-")) {
                findings.add(f);
            } else if (certificateAt < 0) {
                certificateAt = findings.size();
            }
        }
        // the certificate's findings of today, where the baseline had its own (before the checks' findings)
        List<ResultJson.FindingJson> certificate = report.map(c -> c.findings().stream()
                .map(p -> new ResultJson.FindingJson(p.finding().label(), p.detail(),
                        FindingKinds.of(p.finding()).severity().label())).toList()).orElse(List.of());
        findings.addAll(certificateAt < 0 ? findings.size() : certificateAt, certificate);
        boolean ocsp = b.certificate() != null && b.certificate().ocspStapled();
        List<String> notes = new ArrayList<>(b.notes() == null ? List.of() : b.notes().stream()
                .filter(n -> !n.startsWith("re-check")).toList()); // what earlier re-checks said is not news
        notes.add("re-checked against run " + runId + ": unchanged (" + connections + " connections)");
        return new ResultJson(b.schema(), b.target(), b.origin(), b.host(), b.address(), b.port(), b.sni(), b.status(),
                b.verdict(), b.reason(), findings, b.failure(), b.protocols(), b.refusals(), b.groups(),
                b.confirmation(), b.confirmations(), b.profiles(), b.legacyOff(), b.whatIf(),
                report.map(c -> ChainJson.of(c, ocsp)).orElse(b.certificate()), b.certificates(), notes, connections,
                elapsedMs, b.inconsistencies(), b.checks(), b.prelude(), b.tls13(), null, b.nextSteps(),
                b.policies());
    }

    /** The line starting at the file's position, read in chunks. */
    private static String readLine(RandomAccessFile f) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        int n;
        while ((n = f.read(chunk)) > 0) {
            for (int i = 0; i < n; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, 0, i);
                    return line.toString(StandardCharsets.UTF_8);
                }
            }
            line.write(chunk, 0, n);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
