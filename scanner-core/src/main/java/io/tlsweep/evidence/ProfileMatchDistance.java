package io.tlsweep.evidence;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How far a seen ClientHello is from a profile's, part by part. Each part counts changes, one per item:
 * <ul>
 * <li><b>versions</b>: versions offered by one and not the other (supported_versions without GREASE; a hello
 * without that extension offers its client_version only, as far as a hello shows);</li>
 * <li><b>suites</b>: suites missing, suites extra, and suites out of order (the common suites less the longest run
 * both list in the same order: the fewest moves that put one order into the other); SCSVs count as suites;</li>
 * <li><b>groups</b>: supported_groups, the same way;</li>
 * <li><b>extensions</b>: extension types a profile describes ({@link #DESCRIBED}) that one hello sends and the
 * other does not. Types a profile says nothing about (encrypt_then_mac, status_request_v2, record_size_limit,
 * GREASE ...) and those that depend on the connection rather than the client stack (server_name, padding, ALPN,
 * pre_shared_key, early_data, cookie) are not compared, nor is their order.</li>
 * </ul>
 * A part the input does not show is not compared and {@link #compared} says which were: without the extension
 * list (an access log that logs the offered suites), the extensions are unknown, and so are the versions (unless
 * supported_versions is given) and the groups (unless given).
 *
 * @param versions version changes, 0 when not compared
 * @param suites suite changes
 * @param groups group changes, 0 when not compared
 * @param extensions extension changes, 0 when not compared
 * @param compared the parts compared, in the order above ("versions", "suites", "groups", "extensions")
 */
public record ProfileMatchDistance(int versions, int suites, int groups, int extensions, List<String> compared) {
    /** The extension types a profile's hello describes (its facts decide whether each is sent). */
    public static final Set<Integer> DESCRIBED = Set.of(0x0005, 0x000a, 0x000b, 0x000d, 0x0017, 0x0023, 0x002b,
            0x002d, 0x0033, 0xff01);

    public ProfileMatchDistance {
        compared = List.copyOf(compared);
    }

    /** The sum of the parts. */
    public int total() {
        return versions + suites + groups + extensions;
    }

    /** Whether every part was compared. */
    public boolean whole() {
        return compared.size() == 4;
    }

    /** How far {@code seen} is from {@code profile} (a profile's hello, every part known). */
    public static ProfileMatchDistance between(OfferedHello seen, OfferedHello profile) {
        List<String> compared = new ArrayList<>();
        boolean extensionsKnown = !seen.extensions().isEmpty();
        int versions = 0;
        if (extensionsKnown || !seen.supportedVersions().isEmpty()) {
            versions = apart(offeredVersions(seen), offeredVersions(profile));
            compared.add("versions");
        }
        int suites = changes(clean(seen.cipherSuites()), clean(profile.cipherSuites()));
        compared.add("suites");
        int groups = 0;
        if (!seen.groups().isEmpty() || extensionsKnown && !seen.extensions().contains(0x000a)) {
            groups = changes(clean(seen.groups()), clean(profile.groups()));
            compared.add("groups");
        }
        int extensions = 0;
        if (extensionsKnown) {
            extensions = apart(described(seen.extensions()), described(profile.extensions()));
            compared.add("extensions");
        }
        return new ProfileMatchDistance(versions, suites, groups, extensions, compared);
    }

    /** The versions a hello shows it offers: supported_versions without GREASE, else its client_version. */
    static Set<Integer> offeredVersions(OfferedHello h) {
        List<Integer> listed = clean(h.supportedVersions());
        return listed.isEmpty() ? Set.of(h.legacyVersion()) : new LinkedHashSet<>(listed);
    }

    private static Set<Integer> described(List<Integer> extensions) {
        Set<Integer> s = new LinkedHashSet<>();
        extensions.stream().filter(DESCRIBED::contains).forEach(s::add);
        return s;
    }

    /** Items in one set and not in the other. */
    private static int apart(Set<Integer> a, Set<Integer> b) {
        return (int) (a.stream().filter(x -> !b.contains(x)).count() + b.stream().filter(x -> !a.contains(x)).count());
    }

    /** Missing plus extra plus out of order (common items less their longest common subsequence). */
    static int changes(List<Integer> seen, List<Integer> profile) {
        Set<Integer> inSeen = new LinkedHashSet<>(seen);
        Set<Integer> inProfile = new LinkedHashSet<>(profile);
        List<Integer> a = seen.stream().filter(inProfile::contains).distinct().toList();
        List<Integer> b = profile.stream().filter(inSeen::contains).distinct().toList();
        int missing = (int) inProfile.stream().filter(x -> !inSeen.contains(x)).count();
        int extra = (int) inSeen.stream().filter(x -> !inProfile.contains(x)).count();
        return missing + extra + a.size() - longestCommonRun(a, b);
    }

    private static int longestCommonRun(List<Integer> a, List<Integer> b) {
        int[] prev = new int[b.size() + 1];
        int[] row = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                row[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], row[j - 1]);
            }
            int[] t = prev;
            prev = row;
            row = t;
        }
        return prev[b.size()];
    }

    static List<Integer> clean(List<Integer> codes) {
        return codes.stream().filter(c -> !Ja4.isGrease(c)).toList();
    }
}
