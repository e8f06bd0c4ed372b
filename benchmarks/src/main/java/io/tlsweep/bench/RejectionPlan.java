package io.tlsweep.bench;

import io.tlsweep.probe.ProbePlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A plan that sends {@code hellos} TLS 1.2 hellos offering only suites a modern server refuses (NULL,
 * anonymous, export), {@code parallel} at a time: it measures how fast the engine turns over rejected
 * hellos, the bulk of any enumeration.
 */
final class RejectionPlan implements ProbePlan {
    static final ClientHelloSpec HELLO = ClientHelloSpec.builder()
            .clientVersion(ProtocolVersion.TLSv1_2)
            .cipherSuites(IntStream.of(0x0001, 0x0002, 0x0003, 0x0006, 0x0008, 0x0017, 0x0018, 0x0019, 0x001A,
                    0x001B, 0x0034, 0x003A, 0x003B, 0x006C, 0x006D, 0xC015, 0xC016, 0xC017, 0xC018, 0xC019)
                    .mapToObj(CipherSuite::of).toList())
            .supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
            .ecPointFormats((byte) 0)
            .build();

    private final int hellos;
    private final int parallel;
    private int issued;
    private int completed;
    private int outstanding;
    final List<ConnectionOutcome> outcomes = new ArrayList<>();

    RejectionPlan(int hellos, int parallel) {
        this.hellos = hellos;
        this.parallel = parallel;
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> steps = new ArrayList<>();
        while (issued < hellos && outstanding < parallel) {
            steps.add(new ProbeStep(issued++, "rejection", HELLO));
            outstanding++;
        }
        return steps;
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        outstanding--;
        completed++;
        outcomes.add(outcome);
    }

    @Override
    public boolean done() {
        return completed == hellos;
    }
}
