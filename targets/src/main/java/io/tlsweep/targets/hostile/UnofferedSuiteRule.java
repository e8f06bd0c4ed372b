package io.tlsweep.targets.hostile;

import java.util.List;

/** How the UNOFFERED_SUITE target picks the suite it answers with. */
public final class UnofferedSuiteRule {

    /** Tried in this order; the first one the client did not offer wins. */
    public static final List<Integer> CANDIDATES = List.of(0xC02F, 0xC030, 0x009C, 0x002F, 0x0035, 0x000A, 0x0005);

    public static final String DESCRIPTION = "TLS 1.2 ServerHello with the first of [0xC02F, 0xC030, 0x009C, "
            + "0x002F, 0x0035, 0x000A, 0x0005] the client did not offer; if it offered all, the lowest code "
            + "from 0x0001 up that it did not offer (skipping 0x00FF and TLS 1.3 codes 0x13xx)";

    private UnofferedSuiteRule() {
    }

    public static int choose(List<Integer> offered) {
        for (int candidate : CANDIDATES) {
            if (!offered.contains(candidate)) {
                return candidate;
            }
        }
        for (int code = 0x0001; code < 0xffff; code++) {
            if (code != 0x00ff && (code >> 8) != 0x13 && !offered.contains(code)) {
                return code;
            }
        }
        throw new IllegalArgumentException("client offered every code");
    }
}
