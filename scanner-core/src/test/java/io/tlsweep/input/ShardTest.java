package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shards partition the input exactly, stay put across runs, and are roughly even. */
class ShardTest {
    private static final List<String> INPUT = List.of("198.51.100.0/22", "[2001:db8::/120]", "example.com",
            "Mail.Example.COM", "127.0.0.1:8443");

    private static List<String> keys(Shard shard) {
        List<String> keys = new ArrayList<>();
        TargetSource.builder(List.of(443, 8443)).arguments(INPUT).shard(shard).build()
                .forEachRemaining(t -> keys.add(t.host() + " " + t.port()));
        return keys;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16})
    void theShardsPartitionTheInputExactly(int count) {
        List<String> all = keys(Shard.ALL);
        assertThat(all).hasSize(2 * (1024 + 256 + 2) + 1).doesNotHaveDuplicates();
        Set<String> union = new HashSet<>();
        int total = 0;
        for (int index = 0; index < count; index++) {
            List<String> shard = keys(new Shard(index, count));
            total += shard.size();
            union.addAll(shard);
            assertThat(shard.size()).as("shard %d of %d", index, count)
                    .isBetween(all.size() / count * 8 / 10, all.size() / count * 12 / 10 + 2);
        }
        assertThat(total).as("pairwise disjoint").isEqualTo(all.size());
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void theHashIsFixedForeverSoShardsAreStableAcrossRuns() {
        // golden values of FNV-1a 64 + fmix64 over "host:port", computed independently (Python);
        // changing them moves targets between shards of a sweep in progress
        assertThat(Shard.hash("192.0.2.1", 443)).isEqualTo(0x59cc791e31e3562fL);
        assertThat(Shard.hash("example.com", 443)).isEqualTo(0x8cdae3e177af052bL);
        assertThat(Shard.hash("2001:db8::1", 8443)).isEqualTo(0xdc57ca4f4a435480L);
        assertThat(keys(new Shard(1, 3))).isEqualTo(keys(new Shard(1, 3)));
    }

    @Test
    void theSameEndpointLandsInTheSameShardWhateverTheSpellingSniOrOrigin() {
        Target a = new Target("Example.COM.", "Example.COM.", 443, Optional.of("Example.COM"), false, "argument 1");
        Target b = new Target("example.com", "example.com", 443, Optional.of("other.example"), false, "t.txt:9");
        assertThat(Shard.hash(a)).isEqualTo(Shard.hash(b));
        assertThat(Shard.hash("example.com", 8443)).isNotEqualTo(Shard.hash("example.com", 443));
    }

    @Test
    void badShardsAreRefused() {
        assertThatThrownBy(() -> new Shard(3, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Shard(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
