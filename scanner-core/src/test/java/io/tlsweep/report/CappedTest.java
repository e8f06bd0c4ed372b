package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CappedTest {
    private record Item(int severity, String name) {
    }

    @Test
    void plainKeepsTheFirstAndCountsTheRest() {
        Capped<String> c = new Capped<>(2);
        List.of("a", "b", "c").forEach(c::add);
        assertThat(c.kept()).containsExactly("a", "b");
        assertThat(c.total()).isEqualTo(3);
        assertThat(c.more()).isEqualTo(1);
    }

    @Test
    void rankedKeepsTheFirstInItsOrderAndTiesAsTheyCame() {
        Capped<Item> c = Capped.ranked(3, Comparator.comparingInt(Item::severity));
        List.of(new Item(2, "legacy-1"), new Item(2, "legacy-2"), new Item(3, "weak-1"), new Item(2, "legacy-3"),
                new Item(0, "breaks-1"), new Item(3, "weak-2"), new Item(0, "breaks-2")).forEach(c::add);
        assertThat(c.kept()).extracting(Item::name).containsExactly("breaks-1", "breaks-2", "legacy-1");
        assertThat(c.total()).isEqualTo(7);
        assertThat(c.more()).isEqualTo(4);
    }

    @Test
    void rankedWithRoomKeepsAllSorted() {
        Capped<Item> c = Capped.ranked(10, Comparator.comparingInt(Item::severity));
        List.of(new Item(1, "b"), new Item(0, "a"), new Item(1, "c")).forEach(c::add);
        assertThat(c.kept()).extracting(Item::name).containsExactly("a", "b", "c");
        assertThat(c.more()).isZero();
    }
}
