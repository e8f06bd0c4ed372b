package io.tlsweep.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index every registry is built on refuses ambiguity. */
class CodeTableTest {
    private record Entry(int code, List<String> names) {
    }

    private static CodeTable<Entry> table(Entry... entries) {
        return new CodeTable<>("Test", List.of(entries), Entry::code, Entry::names);
    }

    @Test
    void rejectsTwoEntriesWithOneCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> table(new Entry(1, List.of("a")), new Entry(1, List.of("b"))));
        assertEquals(true, e.getMessage().contains("0x0001"));
    }

    @Test
    void rejectsOneNameForTwoEntriesIgnoringCase() {
        assertThrows(IllegalArgumentException.class,
                () -> table(new Entry(1, List.of("alpha")), new Entry(2, List.of("beta", "ALPHA"))));
    }

    @Test
    void allowsAnEntryToRepeatItsOwnName() {
        Entry e = new Entry(7, List.of("same", "Same"));
        CodeTable<Entry> t = table(e, new Entry(3, List.of("other")));
        assertEquals(Optional.of(e), t.byName(" SAME "));
        assertEquals(List.of(3, 7), t.all().stream().map(Entry::code).toList());
        assertEquals(Optional.empty(), t.byCode(4));
        assertEquals(Optional.empty(), t.byName(null));
    }

    @Test
    void grease() {
        for (int code = 0; code <= 0xFFFF; code++) {
            boolean expected = (code & 0x0F0F) == 0x0A0A && (code >> 8) == (code & 0xFF);
            assertEquals(expected, CodeTable.isGrease16(code));
        }
        assertEquals(true, CodeTable.isGrease16(0x8A8A));
    }
}
