package io.tlsweep.engine;

import io.tlsweep.probe.ProbePlan;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A plan written for tests: N TLS 1.2 hellos (or the steps given), offered one after the other or all at once. It records every
 * outcome, how often each step was completed and which threads called it, and can be told to throw.
 */
final class ScriptedPlan implements ProbePlan {
    enum Mode { ONE_BY_ONE, ALL_AT_ONCE }

    private final List<ProbeStep> steps = new ArrayList<>();
    private final Mode mode;
    private final int throwOnCompleteOf;
    private int offered;
    private int outstanding;
    final Map<Integer, ConnectionOutcome> outcomes = new LinkedHashMap<>();
    final Map<Integer, Integer> completeCalls = new LinkedHashMap<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    final List<String> protocolErrors = new ArrayList<>();

    ScriptedPlan(int hellos, Mode mode) {
        this(hellos, mode, -1);
    }

    ScriptedPlan(int hellos, Mode mode, int throwOnCompleteOf) {
        this(IntStream.range(0, hellos).mapToObj(i -> new ProbeStep(i, "hello #" + i, tls12Hello())).toList(), mode,
                throwOnCompleteOf);
    }

    /** A plan of these steps (ids 0, 1, 2... in order). */
    ScriptedPlan(List<ProbeStep> steps, Mode mode) {
        this(steps, mode, -1);
    }

    private ScriptedPlan(List<ProbeStep> steps, Mode mode, int throwOnCompleteOf) {
        this.mode = mode;
        this.throwOnCompleteOf = throwOnCompleteOf;
        this.steps.addAll(steps);
    }

    static ClientHelloSpec tls12Hello() {
        return ClientHelloSpec.builder()
                .recordVersion(ProtocolVersion.TLSv1_0)
                .clientVersion(ProtocolVersion.TLSv1_2)
                .cipherSuites(IntStream.of(0xC02F, 0xC030, 0x009C, 0x0035, 0x002F).mapToObj(CipherSuite::of)
                        .toList())
                .serverName("localhost")
                .supportedGroups(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))
                .ecPointFormats((byte) 0)
                .renegotiationInfo(true)
                .signatureAlgorithms(IntStream.of(0x0804, 0x0401, 0x0403, 0x0501, 0x0601)
                        .mapToObj(SignatureScheme::of).toList())
                .build();
    }

    @Override
    public List<ProbeStep> ready() {
        threads.add(Thread.currentThread());
        List<ProbeStep> out = switch (mode) {
            case ALL_AT_ONCE -> steps.subList(offered, steps.size());
            case ONE_BY_ONE -> outstanding == 0 && offered < steps.size() ? steps.subList(offered, offered + 1)
                    : List.<ProbeStep>of();
        };
        out = List.copyOf(out);
        offered += out.size();
        outstanding += out.size();
        return out;
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        threads.add(Thread.currentThread());
        int calls = completeCalls.merge(step.id(), 1, Integer::sum);
        if (calls > 1 || step.id() >= offered) {
            protocolErrors.add("complete(" + step.id() + ") call " + calls + ", offered " + offered);
        }
        outcomes.put(step.id(), outcome);
        outstanding--;
        if (step.id() == throwOnCompleteOf) {
            throw new IllegalStateException("scripted bug on step " + step.id());
        }
    }

    @Override
    public boolean done() {
        threads.add(Thread.currentThread());
        return offered == steps.size() && outstanding == 0;
    }
}
