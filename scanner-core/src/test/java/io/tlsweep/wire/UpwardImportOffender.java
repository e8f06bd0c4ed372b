package io.tlsweep.wire;

import io.tlsweep.report.ResultJson;

/** Breaks the house rule on purpose (the codec reaching up into reports), for HouseRulesTest. */
public final class UpwardImportOffender {
    private UpwardImportOffender() {
    }

    static String upward(ResultJson line) {
        return line.target();
    }
}
