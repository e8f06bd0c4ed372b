package io.tlsweep.engine;

import io.tlsweep.metrics.ScanMetrics;

/** What every target driver of one engine shares: settings, transport, resolver, limits and metrics. */
record EngineParts(EngineConfig config, Transport transport, HostResolver resolver, HostGate.Registry hosts,
        PermitGate inFlight, ScanMetrics metrics) {
}
