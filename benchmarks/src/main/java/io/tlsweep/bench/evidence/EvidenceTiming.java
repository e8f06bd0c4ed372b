package io.tlsweep.bench.evidence;

import io.tlsweep.evidence.EvidenceInput;
import io.tlsweep.evidence.EvidenceProblem;
import io.tlsweep.evidence.EvidenceReader;
import io.tlsweep.evidence.EvidenceSink;
import io.tlsweep.evidence.EvidenceTally;
import io.tlsweep.evidence.Observation;
import io.tlsweep.evidence.ProfileMatcher;
import io.tlsweep.evidence.TallyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The measures of {@link EvidenceBench}, each one input read by one reader into one {@link EvidenceTally} on the
 * calling thread, clients identified by the built-in profiles as {@code tlsweep evidence} does it: its wall and CPU time, and the heap after a full collection at given numbers of handshakes.
 */
final class EvidenceTiming {
    private EvidenceTiming() {
    }

    /**
     * One read of a file.
     *
     * @param observations handshakes the tally counted
     * @param problems problems reported
     * @param keys distinct keys the tally kept
     * @param bytes the file's size
     */
    record Read(long observations, long problems, long keys, long bytes, long wallNanos, long cpuNanos,
            Optional<EvidenceProblem> firstProblem) {
        double perSecond(long count) {
            return count * 1e9 / wallNanos;
        }

        double megabytesPerSecond() {
            return bytes / 1e6 * 1e9 / wallNanos;
        }
    }

    /** The heap in use after a full collection, when {@code observations} handshakes had been counted. */
    record HeapSample(long observations, long usedBytes) {
    }

    static Read read(EvidenceReader reader, Path file) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EvidenceTally tally = tally();
        tally.input(file.toString());
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        try (EvidenceInput in = EvidenceInput.open(file)) {
            reader.read(in, tally);
        }
        long wallNanos = System.nanoTime() - wall;
        long cpuNanos = threads.getCurrentThreadCpuTime() - cpu;
        var s = tally.summary();
        return new Read(s.observations(), s.problemCount(), tally.notes().keys(), Files.size(file), wallNanos,
                cpuNanos, s.problems().stream().findFirst());
    }

    /**
     * Reads {@code in} into a tally and samples the heap after {@link System#gc()} each time the count of
     * handshakes reaches one of {@code at} (ascending); returns the samples taken and, last, one at the end.
     */
    static List<HeapSample> heap(EvidenceReader reader, InputStream in, long... at) throws IOException {
        EvidenceTally tally = tally();
        List<HeapSample> samples = new ArrayList<>();
        EvidenceSink sampling = new EvidenceSink() {
            private int next;

            @Override
            public void observed(Observation o) {
                tally.observed(o);
                if (next < at.length && tally.observations() == at[next]) {
                    next++;
                    samples.add(new HeapSample(tally.observations(), usedAfterGc()));
                }
            }

            @Override
            public void problem(EvidenceProblem p) {
                tally.problem(p);
            }
        };
        try (EvidenceInput input = EvidenceInput.of("generated", in)) {
            reader.read(input, sampling);
        }
        samples.add(new HeapSample(tally.observations(), usedAfterGc()));
        return samples;
    }

    /** A tally as {@code tlsweep evidence} makes it: clients identified by their ClientHello where it is shown. */
    static EvidenceTally tally() {
        return new EvidenceTally(TallyOptions.DEFAULTS.identify(ProfileMatcher.builtIn()::identify));
    }

    /** The heap in use after two full collections (the second catches what the first only finalised). */
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
