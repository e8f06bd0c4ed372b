package io.tlsweep.profile;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.KeyExchange;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one client sends and accepts by default, each fact with its sources.
 *
 * @param id short stable name ("win7-schannel"), used in options, CSV columns and JSON
 * @param name what a report shows ("Windows 7 / Server 2008 R2 (Schannel defaults)")
 * @param versions the versions the client offers, oldest first
 * @param completes the versions it can finish a handshake with; narrower than {@code versions} when the
 *     client offers a version it then refuses (OpenSSL 3 at security level 1 and TLS 1.0)
 * @param cipherSuites its TLS ≤ 1.2 suites in its own order (a server picks among those usable in the
 *     version it negotiates)
 * @param tls13CipherSuites its TLS 1.3 suites in its own order; an empty list when TLS 1.3 is not offered
 * @param groups its supported_groups in order; empty when the hello carries none
 * @param signatureAlgorithms its signature_algorithms, absent when the hello carries none
 * @param legacySignaturesRefused the client refuses the MD5+SHA-1 signature of a TLS 1.0/1.1 (EC)DHE
 *     ServerKeyExchange, so those versions complete only with RSA key transport (OpenSSL 3 at security level 1)
 * @param services the services ({@link ProfileServices}) whose endpoints this client talks to (the Remote Desktop
 *     client: {@code rdp}); absent for a stack that any service's clients may sit on, whose profile applies to
 *     every endpoint
 * @param keyShares the groups the client sends a TLS 1.3 key share for, in order, each one of {@code groups}; absent
 *     when no source states them, and tlsweep then sends one share, for the first offered group it can make
 */
public record ClientProfile(String id, String name, ClientFamily family, Fact<List<ProtocolVersion>> versions,
        Fact<List<ProtocolVersion>> completes, Fact<List<CipherSuite>> cipherSuites,
        Fact<List<CipherSuite>> tls13CipherSuites, Fact<List<NamedGroup>> groups,
        Optional<Fact<List<SignatureScheme>>> signatureAlgorithms, Fact<Boolean> sni, Fact<HelloFormat> helloFormat,
        Optional<Fact<Boolean>> renegotiationScsv, Optional<Fact<Boolean>> extendedMasterSecret,
        Optional<Fact<Boolean>> statusRequest, Optional<Fact<Boolean>> sessionTicket,
        Optional<Fact<List<String>>> alpn, Optional<Fact<Boolean>> legacySignaturesRefused,
        Optional<Fact<List<String>>> services, Optional<Fact<List<NamedGroup>>> keyShares) {

    public ClientProfile {
        if (versions.value().isEmpty()) {
            throw new IllegalArgumentException(id + ": offers no version");
        }
        if (!versions.value().containsAll(completes.value())) {
            throw new IllegalArgumentException(id + ": completes a version it does not offer");
        }
        boolean tls13 = versions.value().contains(ProtocolVersion.TLSv1_3);
        if (tls13 == tls13CipherSuites.value().isEmpty()) {
            throw new IllegalArgumentException(id + (tls13 ? ": offers TLSv1.3 without TLS 1.3 suites"
                    : ": lists TLS 1.3 suites but does not offer TLSv1.3"));
        }
        if (versions.value().stream().anyMatch(v -> !v.equals(ProtocolVersion.TLSv1_3))
                && cipherSuites.value().isEmpty()) {
            throw new IllegalArgumentException(id + ": offers TLS ≤ 1.2 without TLS ≤ 1.2 suites");
        }
        services.ifPresent(f -> {
            if (f.value().isEmpty()) {
                throw new IllegalArgumentException(id + ": lists no service (leave services out for every endpoint)");
            }
            f.value().stream().filter(n -> !ProfileServices.KNOWN.contains(n)).findFirst().ifPresent(n -> {
                throw new IllegalArgumentException(id + ": '" + n + "' is not a service tlsweep knows");
            });
        });
        keyShares.ifPresent(f -> {
            if (!tls13 || f.value().isEmpty()) {
                throw new IllegalArgumentException(id + ": key shares need TLSv1.3 offered and at least one group");
            }
            f.value().stream().filter(g -> !groups.value().contains(g)).findFirst().ifPresent(g -> {
                throw new IllegalArgumentException(id + ": key share " + g + " is not among its groups");
            });
        });
    }

    /**
     * Whether this client talks to an endpoint that speaks {@code protocolOrEmpty} before TLS (a prelude protocol's
     * name, such as "rdp" or "smtp"; empty, or {@value ProfileServices#DIRECT_TLS}, when TLS starts on connect): a
     * profile without services applies to every endpoint, one with services only to those services' endpoints.
     */
    public boolean appliesTo(String protocolOrEmpty) {
        return services.map(f -> f.value().contains(ProfileServices.ofEndpoint(protocolOrEmpty))).orElse(true);
    }

    /** The highest version offered. */
    public ProtocolVersion maxVersion() {
        return versions.value().stream().max(ProtocolVersion::compareTo).orElseThrow();
    }

    public boolean offers(ProtocolVersion version) {
        return versions.value().contains(version);
    }

    public boolean completes(ProtocolVersion version) {
        return completes.value().contains(version);
    }

    /**
     * Whether the client gives up on {@code suite} in {@code version} after the ServerKeyExchange: a signed
     * (EC)DHE exchange in TLS 1.0/1.1 by a client refusing their legacy signatures.
     */
    public boolean refusesSignatureOf(ProtocolVersion version, CipherSuite suite) {
        boolean legacy = !version.atLeast(ProtocolVersion.TLSv1_2);
        boolean signed = suite.keyExchange() == KeyExchange.ECDHE || suite.keyExchange() == KeyExchange.DHE;
        return legacy && signed && legacySignaturesRefused.map(Fact::value).orElse(false);
    }

    /** The suites a server negotiating {@code version} can pick from, in the client's order. */
    public List<CipherSuite> suitesFor(ProtocolVersion version) {
        if (version.equals(ProtocolVersion.TLSv1_3)) {
            return tls13CipherSuites.value();
        }
        return cipherSuites.value().stream().filter(s -> s.usableIn(version)).toList();
    }

    /** Every fact by its field name, for listing and for checking that each names a known source. */
    public Map<String, Fact<?>> facts() {
        Map<String, Fact<?>> all = new LinkedHashMap<>();
        all.put("versions", versions);
        all.put("completes", completes);
        all.put("cipherSuites", cipherSuites);
        if (!tls13CipherSuites.value().isEmpty()) {
            all.put("tls13CipherSuites", tls13CipherSuites);
        }
        all.put("groups", groups);
        signatureAlgorithms.ifPresent(f -> all.put("signatureAlgorithms", f));
        all.put("sni", sni);
        all.put("helloFormat", helloFormat);
        renegotiationScsv.ifPresent(f -> all.put("renegotiationScsv", f));
        extendedMasterSecret.ifPresent(f -> all.put("extendedMasterSecret", f));
        statusRequest.ifPresent(f -> all.put("statusRequest", f));
        sessionTicket.ifPresent(f -> all.put("sessionTicket", f));
        alpn.ifPresent(f -> all.put("alpn", f));
        legacySignaturesRefused.ifPresent(f -> all.put("legacySignaturesRefused", f));
        services.ifPresent(f -> all.put("services", f));
        keyShares.ifPresent(f -> all.put("keyShares", f));
        return all;
    }

    /** Every source key the facts cite, in first-cited order. */
    public List<String> citedSources() {
        List<String> keys = new ArrayList<>();
        facts().values().forEach(f -> f.sources().stream().filter(k -> !keys.contains(k)).forEach(keys::add));
        return keys;
    }

    @Override
    public String toString() {
        return id;
    }
}
