package io.tlsweep.probe;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.tls13.FlightReader;
import java.util.List;
import java.util.Optional;

/**
 * One more TLS 1.3 hello, for a server that answered the scan's first TLS 1.3 offer (real x25519 and secp256r1
 * shares) with a HelloRetryRequest, as one that prefers a group it got no share of does (X25519MLKEM768,
 * secp384r1, x448...), so that no flight was read. Once the version's suites and groups are done, it offers only the
 * groups found that the scan makes a real share for and reads the flight with (x25519, secp256r1, secp384r1,
 * secp521r1, x448 and the hybrid X25519MLKEM768), in the server's order as found, each with its real share, and the accepted suites the flight can
 * be decrypted with: whichever of them the server picks, the hello carries its share (a server that prefers a group
 * with a share, as OpenSSL does, picks among them too), so it answers with its ServerHello and whole first flight,
 * which the engine reads to the end. Sent once, only where it is needed.
 */
final class FlightRetry implements Stage {
    private final VersionEvidence evidence;
    private final ClientHelloSpec hello;
    private boolean sent;

    private FlightRetry(VersionEvidence evidence, ClientHelloSpec hello) {
        this.evidence = evidence;
        this.hello = hello;
    }

    /**
     * The hello for {@code evidence}, when it is needed and can be read: TLS 1.3 accepted a suite the flight can be
     * decrypted with, no flight was read, and the groups found hold one the scan can make a share for. Empty
     * otherwise.
     */
    static Optional<FlightRetry> needed(VersionEvidence evidence, Optional<String> sni) {
        if (!evidence.version.equals(ProtocolVersion.TLSv1_3) || evidence.encrypted.isPresent()) {
            return Optional.empty();
        }
        List<NamedGroup> groups = readableGroups(evidence.groups);
        List<CipherSuite> suites = evidence.accepted.stream().filter(s -> FlightReader.decryptsSuite(s.code()))
                .toList();
        if (groups.isEmpty() || suites.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FlightRetry(evidence, HelloTemplates.hello(evidence.version, suites, groups, sni,
                HelloTemplates.KeyShareMode.EVERY)));
    }

    /** Of {@code found}, in its order, the groups the scan makes a real share for and reads a flight with. */
    static List<NamedGroup> readableGroups(List<NamedGroup> found) {
        return found.stream().filter(g -> (KeyShares.canGenerate(g) || HybridKeyShares.readable(g))
                && FlightReader.readsGroup(g)).toList();
    }

    @Override
    public Optional<ClientHelloSpec> next() {
        if (sent) {
            return Optional.empty();
        }
        sent = true;
        return Optional.of(hello);
    }

    @Override
    public void fold(ClientHelloSpec sentHello, Reading reading) {
        if (reading instanceof Reading.Accepted a) {
            evidence.observe(a.hello());
        }
        if (evidence.encrypted.isEmpty()) {
            evidence.note("the hello with a real share for each group found got no flight: "
                    + PreferenceCheck.describe(reading));
        }
    }
}
