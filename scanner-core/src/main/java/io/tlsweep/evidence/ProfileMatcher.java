package io.tlsweep.evidence;

import io.tlsweep.profile.BuiltInProfiles;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.profile.ProfileHello;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHello;
import io.tlsweep.wire.ClientHelloDecoder;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.Extension;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.SignatureScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which client profile a seen ClientHello is closest to, and so which client stack sent it. Each profile's hello is
 * the one tlsweep sends for it ({@link ProfileHello#of}), read back as an {@link OfferedHello}; the seen hello is
 * compared with each ({@link ProfileMatchDistance}: versions, suites in order, groups in order, and the extensions
 * the profiles describe) and the profiles at the least distance are the answer. Distance 0 is <b>exact</b>: the
 * same versions, the same suites in the same order, the same groups in the same order, and the same described
 * extensions. Profiles whose hellos are alike (the Schannel clients of one Windows) tie; the first in profile order
 * is named, and {@link Match#nearest} keeps them all.
 *
 * <p>The family ("openssl", "java", "schannel" ...) is the nearest profile's when the distance is at most
 * {@link #FAMILY_DISTANCE}. Farther than that (a client limited to one version offers few of its default suites),
 * traits of the hello that stay under such limits tell it where they can ({@code ProfileMatchTraits}: OpenSSL,
 * SunJSSE, GnuTLS). The profiles describe no GnuTLS client, so a hello with GnuTLS's traits is of family "gnutls"
 * whatever profile is nearest. Pure (its memo of recent answers aside); safe to share between threads.
 */
public final class ProfileMatcher {
    /** The farthest a hello may be from its nearest profile for that profile's family to be told. */
    public static final int FAMILY_DISTANCE = 12;
    /** How many distinct hellos {@link #identify} remembers. */
    public static final int REMEMBERED = 4096;
    /** The SNI name put in the profiles' hellos, so that they carry server_name when the client sends it. */
    private static final String NAME = "profile.tlsweep.invalid";

    /** One profile and the hello it sends, as a seen hello would be read. */
    public record Reference(ClientProfile profile, OfferedHello hello) {
    }

    /**
     * The answer for one hello.
     *
     * @param nearest the profiles at the least distance, in profile order (at least one)
     * @param distance how far the hello is from them, part by part
     * @param family the family told, see {@link ProfileMatcher}
     * @param ja4 the hello's JA4, where its extensions are known
     */
    public record Match(List<ClientProfile> nearest, ProfileMatchDistance distance, Optional<String> family,
            Optional<String> ja4) {
        public Match {
            nearest = List.copyOf(nearest);
            if (nearest.isEmpty()) {
                throw new IllegalArgumentException("a match without a profile");
            }
        }

        /** Distance 0. */
        public boolean exact() {
            return distance.total() == 0;
        }

        /** The identity the tally keeps: JA4, the first nearest profile with the distance, the family. */
        public ClientIdentity identity() {
            ClientProfile p = nearest.get(0);
            return new ClientIdentity(ja4, Optional.of(new ClientMatch(p.id(), p.name(), distance.total())), family);
        }

        /**
         * "looks like OpenSSL 3.0 (...), exact", "nearest: Java 17 (...) (distance 4)", with the parts the input
         * did not show and the family where it is not the profile's.
         */
        public String label() {
            String base = ProfileMatcher.label(identity());
            if (!distance.whole()) {
                base += " (compared: " + String.join(", ", distance.compared()) + ")";
            }
            return base;
        }
    }

    private final List<Reference> references;
    private final Map<OfferedHello, ClientIdentity> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<OfferedHello, ClientIdentity> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A matcher of {@code profiles} (at least one). */
    public ProfileMatcher(List<ClientProfile> profiles) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("no profile to match with");
        }
        this.references = profiles.stream().map(p -> new Reference(p, helloOf(p))).toList();
    }

    /** The matcher of the built-in profiles, made once. */
    public static ProfileMatcher builtIn() {
        return BuiltIn.MATCHER;
    }

    private static final class BuiltIn {
        static final ProfileMatcher MATCHER = new ProfileMatcher(BuiltInProfiles.LIST);
    }

    public List<Reference> references() {
        return references;
    }

    /** The nearest profiles to {@code seen}, with the family and the JA4. */
    public Match match(OfferedHello seen) {
        List<ClientProfile> nearest = new ArrayList<>();
        ProfileMatchDistance best = null;
        for (Reference r : references) {
            ProfileMatchDistance d = ProfileMatchDistance.between(seen, r.hello());
            if (best == null || d.total() < best.total()) {
                best = d;
                nearest.clear();
            }
            if (d.total() == best.total()) {
                nearest.add(r.profile());
            }
        }
        ProfileMatchDistance distance = best;
        Optional<String> traits = ProfileMatchTraits.family(seen);
        Optional<String> family = traits.filter("gnutls"::equals)
                .or(() -> distance.total() <= FAMILY_DISTANCE ? Optional.of(nearest.get(0).family().label())
                        : Optional.empty())
                .or(() -> traits);
        return new Match(nearest, best, family, Ja4.of(seen));
    }

    /**
     * {@link #match} as the tally's identity of a hello. A client sends the same hello again and again, so the last
     * {@value #REMEMBERED} distinct hellos' identities are kept (the SNI name, which changes no part of the answer,
     * left out of the key): a capture of a million handshakes by a few stacks is matched a few times.
     */
    public ClientIdentity identify(OfferedHello seen) {
        OfferedHello key = new OfferedHello(seen.legacyVersion(), seen.supportedVersions(), seen.cipherSuites(),
                seen.extensions(), seen.groups(), seen.signatureAlgorithms(), seen.alpn(), Optional.empty());
        synchronized (remembered) {
            ClientIdentity known = remembered.get(key);
            if (known != null) {
                return known;
            }
        }
        ClientIdentity id = match(seen).identity();
        synchronized (remembered) {
            remembered.put(key, id);
        }
        return id;
    }

    /**
     * The words a report shows for an identity: "looks like NAME, exact", "nearest: NAME (distance N)", with
     * "; family: F" where the family is not the profile's (or no profile is told), and "no ClientHello seen" for
     * {@link ClientIdentity#UNKNOWN}.
     */
    public static String label(ClientIdentity id) {
        if (id.looksLike().isEmpty()) {
            return id.family().map(f -> "family: " + f).orElse("no ClientHello seen");
        }
        ClientMatch m = id.looksLike().get();
        String base = m.exact() ? "looks like " + m.profileName() + ", exact"
                : "nearest: " + m.profileName() + " (distance " + m.distance() + ")";
        String profileFamily = familyOf(m.profileId());
        return id.family().filter(f -> !f.equals(profileFamily)).map(f -> base + "; family: " + f)
                .orElse(id.family().isEmpty() ? base + "; family not told (too far)" : base);
    }

    private static String familyOf(String profileId) {
        return builtIn().references.stream().filter(r -> r.profile().id().equals(profileId)).findFirst()
                .map(r -> r.profile().family().label()).orElse("");
    }

    /** The hello {@code p}'s client sends, as tlsweep sends it for the profile, read back. */
    static OfferedHello helloOf(ClientProfile p) {
        byte[] record = ClientHelloEncoder.encode(ProfileHello.of(p, Optional.of(NAME)));
        if (!(ClientHelloDecoder.decode(record) instanceof ClientHelloDecoder.Result.Decoded d)) {
            throw new IllegalStateException("profile " + p.id() + ": its own hello does not decode");
        }
        return offered(d.hello());
    }

    /** A decoded ClientHello as an {@link OfferedHello}: every code raw, in wire order, GREASE kept. */
    public static OfferedHello offered(ClientHello h) {
        return new OfferedHello(h.clientVersion().code(),
                h.supportedVersions().stream().map(ProtocolVersion::code).toList(),
                h.cipherSuites().stream().map(CipherSuite::code).toList(),
                h.extensions().stream().map(Extension::type).map(t -> t.code()).toList(),
                h.supportedGroups().stream().map(NamedGroup::code).toList(),
                h.signatureAlgorithms().stream().map(SignatureScheme::code).toList(), h.alpn(), h.serverName());
    }
}
