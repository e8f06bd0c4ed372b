package io.tlsweep.analysis;

import io.tlsweep.result.Failure;
import io.tlsweep.result.PreferenceOrder;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.ScanStatus;
import io.tlsweep.result.TargetResult;
import io.tlsweep.input.Target;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * Hand-built scan results for the analysis tests: {@code result().accepts(TLSv1_2, 0xC02F, 0x009C).build()}.
 * A version with two or more suites is in server order unless told otherwise; with one suite the order is
 * unknown, as the scanner reports it.
 */
final class ResultBuilder {
    private static final Target TARGET = new Target("127.0.0.9:443", "127.0.0.9", 443, Optional.empty(), true,
            "test");

    private Target target = TARGET;
    private ScanStatus status = ScanStatus.OK;
    private Optional<Failure> failure = Optional.empty();
    private final List<ProtocolSupport> protocols = new ArrayList<>();
    private final Map<ProtocolVersion, Failure> refusals = new TreeMap<>();

    private ResultBuilder() {
    }

    static ResultBuilder result() {
        return new ResultBuilder();
    }

    /** A target that got no version through: its status and the failure that says why. */
    static TargetResult failed(ScanStatus status, Failure failure) {
        ResultBuilder b = new ResultBuilder();
        b.status = status;
        b.failure = Optional.of(failure);
        return b.build();
    }

    /** As {@link #failed(ScanStatus, Failure)}, on an endpoint where {@code prelude} is spoken before TLS. */
    static TargetResult failed(ScanStatus status, Failure failure, String prelude) {
        ResultBuilder b = new ResultBuilder();
        b.target = new Target("127.0.0.9:25", "127.0.0.9", 25, Optional.empty(), true, "test", Optional.of(prelude));
        b.status = status;
        b.failure = Optional.of(failure);
        return b.build();
    }

    ResultBuilder accepts(ProtocolVersion version, int... codes) {
        return accepts(version, codes.length >= 2 ? PreferenceOrder.SERVER : PreferenceOrder.UNKNOWN, codes);
    }

    ResultBuilder accepts(ProtocolVersion version, PreferenceOrder order, int... codes) {
        return add(new ProtocolSupport(version, suites(codes), order, false, List.of(), Optional.empty(), true,
                Optional.empty()));
    }

    /** Like {@link #accepts(ProtocolVersion, int...)} with a DHE prime of {@code bits} seen. */
    ResultBuilder acceptsWithDh(ProtocolVersion version, int bits, int... codes) {
        return add(new ProtocolSupport(version, suites(codes),
                codes.length >= 2 ? PreferenceOrder.SERVER : PreferenceOrder.UNKNOWN, false, List.of(),
                Optional.of(bits), true, Optional.empty()));
    }

    /** Accepts these suites at {@code version} (in the server's order) with the key exchange groups {@code groups}. */
    ResultBuilder acceptsWithGroups(ProtocolVersion version, List<NamedGroup> groups, int... codes) {
        return add(new ProtocolSupport(version, suites(codes), PreferenceOrder.SERVER, false, groups, Optional.empty(),
                true, Optional.empty()));
    }

    /** A version the server refused, and how: the alert, reset or close a hello of it met. */
    ResultBuilder refuses(ProtocolVersion version, Failure how) {
        refusals.put(version, how);
        return this;
    }

    /** Accepts these suites at {@code version} and answers a hello with none of them like {@code how}. */
    ResultBuilder accepts(ProtocolVersion version, PreferenceOrder order, Failure how, int... codes) {
        return add(new ProtocolSupport(version, suites(codes), order, false, List.of(), Optional.empty(), true,
                Optional.of(how)));
    }

    ResultBuilder status(ScanStatus value) {
        this.status = value;
        return this;
    }

    TargetResult build() {
        List<ProtocolSupport> oldestFirst = protocols.stream()
                .sorted(Comparator.comparing(ProtocolSupport::version)).toList();
        return new TargetResult(target, Optional.of("127.0.0.9"), status, failure, oldestFirst, refusals, List.of(),
                List.of(), false, List.of(), Map.of(), 1, 1);
    }

    private ResultBuilder add(ProtocolSupport support) {
        protocols.add(support);
        return this;
    }

    private static List<CipherSuite> suites(int... codes) {
        return Arrays.stream(codes).mapToObj(CipherSuite::of).toList();
    }
}
