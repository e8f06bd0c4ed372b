package io.tlsweep.cli;

import io.tlsweep.probe.ScanOptions;
import io.tlsweep.result.TargetResult;
import io.tlsweep.scan.TlsScanner;
import io.tlsweep.targets.TargetFarm;
import java.util.ArrayList;
import java.util.List;

/** Scans a fresh copy of the built-in farm the way {@code tlsweep demo} does, without profiles or reports. */
final class FarmScan {
    private FarmScan() {
    }

    static List<TargetResult> scanDefaultFarm() throws Exception {
        List<TargetResult> results = new ArrayList<>();
        try (TargetFarm farm = TargetFarm.startDefault();
                TlsScanner scanner = new TlsScanner(DemoCommand.engineConfig(), ScanOptions.full())) {
            scanner.scan(DemoCommand.targets(farm).iterator(), results::add).join();
        }
        return results;
    }
}
