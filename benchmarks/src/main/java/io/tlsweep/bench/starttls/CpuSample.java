package io.tlsweep.bench.starttls;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time this process has used, and how much of it went to the target farm's event-loop threads, read
 * together. The scanner and the farm share the process; the farm's threads live through the whole benchmark, so
 * the process's CPU minus theirs between two samples is the scanner's: its event loops, its coordinator, the
 * real-stack handshakes, the result writer, and the JIT and GC of the whole process (which the scanner's
 * allocations dominate).
 *
 * @param processNanos the process's CPU time ({@link OperatingSystemMXBean#getProcessCpuTime()})
 * @param farmNanos the CPU time of the live threads named {@value #FARM_THREADS}*
 */
public record CpuSample(long processNanos, long farmNanos) {
    /** The prefix of the farm's event-loop thread names. */
    static final String FARM_THREADS = "target-farm";

    public static CpuSample now() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long farm = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(FARM_THREADS)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                farm += Math.max(0, cpu); // -1 when the thread ended meanwhile or CPU time is off
            }
        }
        long process = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new CpuSample(process, farm);
    }

    /** The scanner's CPU time from {@code before} to this sample. */
    public long scannerSince(CpuSample before) {
        return processNanos - before.processNanos - farmSince(before);
    }

    /** The farm threads' CPU time from {@code before} to this sample. */
    public long farmSince(CpuSample before) {
        return farmNanos - before.farmNanos;
    }
}
