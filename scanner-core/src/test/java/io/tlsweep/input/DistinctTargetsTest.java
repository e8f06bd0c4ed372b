package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12 item 8: an endpoint listed 41 times, or alone and inside a range, is handed out once. */
class DistinctTargetsTest {

    private static TargetSource source(List<String> lines) {
        return TargetSource.builder(List.of(443)).arguments(lines).build();
    }

    @Test
    void fortyOneCopiesAndACidrOverlapAreHandedOutOnceAndCounted() {
        List<String> lines = new ArrayList<>(Collections.nCopies(41, "127.2.0.1:1"));
        lines.add("127.2.0.0/30:1");
        lines.add("127.2.0.2:1");
        DistinctTargets distinct = new DistinctTargets(source(lines));
        List<String> out = new ArrayList<>();
        distinct.forEachRemaining(t -> out.add(t.host() + ":" + t.port() + " " + t.origin()));
        assertThat(out).containsExactly("127.2.0.1:1 argument 1", "127.2.0.0:1 argument 42",
                "127.2.0.2:1 argument 42", "127.2.0.3:1 argument 42");
        assertThat(distinct.duplicates()).isEqualTo(40 + 1 + 1);
        assertThat(distinct.distinct()).isEqualTo(4);
        assertThat(distinct.limitReached()).isFalse();
    }

    @Test
    void theSameAddressWithAnotherPortOrSniIsAnotherEndpoint() {
        DistinctTargets distinct = new DistinctTargets(source(List.of("127.2.0.1:1", "127.2.0.1:2",
                "127.2.0.1:1 sni=a.tlsweep.test", "127.2.0.1:1 sni=A.tlsweep.test.")));
        distinct.forEachRemaining(t -> { });
        assertThat(distinct.distinct()).isEqualTo(3);
        assertThat(distinct.duplicates()).isEqualTo(1);
    }

    @Test
    void aLimitStopsAfterThatManyDistinctEndpointsAndSaysMoreWereThere() {
        DistinctTargets limited = new DistinctTargets(source(List.of("127.2.0.1:1", "127.2.0.1:1", "127.2.0.0/30:2")),
                3);
        List<Target> out = new ArrayList<>();
        limited.forEachRemaining(out::add);
        assertThat(out).hasSize(3);
        assertThat(limited.limitReached()).isTrue();
        DistinctTargets exact = new DistinctTargets(source(List.of("127.2.0.0/30:2", "127.2.0.3:2")), 4);
        exact.forEachRemaining(t -> { });
        assertThat(exact.limitReached()).as("duplicates past the limit are not more endpoints").isFalse();
    }

    @Test
    void countingStopsOnePastTheLimitWithoutExpandingTheRest() {
        assertThat(DistinctTargets.countUpTo(source(List.of("0.0.0.0/0")), 65_536)).isEqualTo(65_537);
        assertThat(DistinctTargets.countUpTo(source(List.of("10.0.0.0/24", "10.0.0.0/25")), 65_536)).isEqualTo(256);
    }
}
