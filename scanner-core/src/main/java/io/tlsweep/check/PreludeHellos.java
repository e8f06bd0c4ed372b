package io.tlsweep.check;

import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The hello of the checks that ask what a service says before TLS, for the connections where TLS then starts. */
final class PreludeHellos {
    /** TLS 1.3's suites, then the AES suites of TLS 1.2 and below: what any TLS server of today has one of. */
    private static final List<CipherSuite> SUITES = suites();

    private PreludeHellos() {
    }

    /**
     * TLS 1.0 up to {@code highest} with {@link #SUITES}: a TLS 1.3 server answers with a HelloRetryRequest (the
     * key_share is empty), an older one with its ServerHello.
     */
    static ClientHelloSpec upTo(ProtocolVersion highest, Optional<String> sni) {
        return HelloTemplates.upTo(ProtocolVersion.TLSv1_0, highest, SUITES, sni);
    }

    private static List<CipherSuite> suites() {
        List<CipherSuite> suites = new ArrayList<>(CipherSuites.forVersion(ProtocolVersion.TLSv1_3));
        CipherSuites.forVersion(ProtocolVersion.TLSv1_2).stream()
                .filter(s -> s.ianaName().contains("_AES_") && !s.isExport()).limit(96).forEach(suites::add);
        return List.copyOf(suites);
    }
}
