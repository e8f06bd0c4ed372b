package io.tlsweep.targets.tls;

import io.tlsweep.targets.OrderPolicy;
import io.tlsweep.targets.SniRequirement;
import io.tlsweep.targets.Suite;
import io.tlsweep.targets.TlsExpectation;
import io.tlsweep.targets.TlsStack;
import io.tlsweep.targets.TlsTargetSpec;
import io.tlsweep.targets.TlsVersion;
import io.tlsweep.targets.VersionFacts;
import io.tlsweep.targets.cert.CertificateFacts;
import io.tlsweep.targets.cert.CertifiedKey;
import io.tlsweep.targets.cert.KeyType;
import io.tlsweep.targets.suite.SuiteCatalog;
import io.tlsweep.targets.suite.SuiteInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives what a validated spec's server will accept. The rules: at each enabled version, the
 * enabled suites (in spec order) that can be carried by that version and authenticated by the
 * certificate's key; BoringSSL's fixed TLS 1.3 suites in TLS 1.3. The module's tests hold these
 * rules against real handshakes for every built-in profile.
 */
public final class AcceptanceRules {

    private AcceptanceRules() {
    }

    public static TlsExpectation expectation(TlsTargetSpec spec, CertifiedKey key) {
        KeyType keyType = spec.certificate().keyType();
        List<VersionFacts> perVersion = new ArrayList<>();
        for (TlsVersion version : spec.versions()) {
            boolean fixedTls13 = version == TlsVersion.TLS1_3 && spec.stack() == TlsStack.BORINGSSL;
            List<String> names = fixedTls13 ? ServerSslContexts.BORINGSSL_TLS13 : spec.cipherSuites();
            List<Suite> suites = new ArrayList<>();
            for (String name : names) {
                SuiteInfo info = SuiteCatalog.require(name);
                if (info.usableAt(version) && info.usableWith(keyType)) {
                    suites.add(new Suite(info.code(), info.ianaName()));
                }
            }
            if (suites.isEmpty()) {
                throw new IllegalArgumentException(spec.name() + ": no enabled suite is usable at "
                        + version.label() + " with a " + keyType + " certificate");
            }
            OrderPolicy order = fixedTls13 ? OrderPolicy.STACK_DEFINED
                    : spec.serverOrder() ? OrderPolicy.SERVER : OrderPolicy.CLIENT;
            perVersion.add(new VersionFacts(version, suites, order));
        }
        return new TlsExpectation(spec.stack(), perVersion,
                spec.requiredServerName().map(n -> new SniRequirement(n, SniRequirement.UNRECOGNIZED_NAME)),
                CertificateFacts.of(key.leaf()), spec.groups());
    }
}
