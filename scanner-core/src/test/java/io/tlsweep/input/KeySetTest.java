package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {

    @Test
    void agreesWithAHashSetOnRandomAndStructuredKeysZeroIncluded() {
        KeySet set = new KeySet();
        Set<Long> reference = new HashSet<>();
        Random random = new Random(12);
        for (int i = 0; i < 300_000; i++) {
            long key = switch (i % 3) {
                case 0 -> random.nextLong();
                case 1 -> (long) (i % 7) << 32 | i; // ports over addresses, as IPv4 endpoint keys are
                default -> random.nextInt(50_000); // many repeats, zero among them
            };
            assertThat(set.add(key)).isEqualTo(reference.add(key));
        }
        assertThat(set.size()).isEqualTo(reference.size());
        for (int i = 0; i < 100_000; i++) {
            long probe = random.nextLong();
            assertThat(set.contains(probe)).isEqualTo(reference.contains(probe));
        }
        reference.forEach(k -> assertThat(set.contains(k)).isTrue());
        assertThat(set.contains(0)).isEqualTo(reference.contains(0L));
    }

    @Test
    void costsEightBytesASlotAndAtMostTwentyOneBytesAKey() {
        KeySet set = new KeySet();
        for (long i = 1; i <= 1_000_000; i++) {
            set.add(i * 0x9e3779b97f4a7c15L);
        }
        assertThat(set.size()).isEqualTo(1_000_000);
        assertThat(set.tableBytes()).isEqualTo(8L * (1 << 21));
        assertThat((double) set.tableBytes() / set.size()).isBetween(10.6, 21.4);
    }
}
