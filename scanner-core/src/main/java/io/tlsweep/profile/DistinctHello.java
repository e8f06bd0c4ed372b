package io.tlsweep.profile;

import io.tlsweep.wire.ClientHelloSpec;
import java.util.List;

/**
 * One hello a server can tell apart from the others ({@link HelloKey}) and the profiles that send it, in profile
 * order: one connection answers for all of them.
 *
 * @param hello the hello sent, the first profile's
 * @param profiles at least one
 */
public record DistinctHello(HelloKey key, ClientHelloSpec hello, List<ClientProfile> profiles) {
    public DistinctHello {
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a distinct hello without a profile");
        }
    }

    /** The profiles' ids, joined for a step's purpose and notes: "profile a" or "profiles a, b". */
    public String label() {
        return (profiles.size() == 1 ? "profile " : "profiles ")
                + String.join(", ", profiles.stream().map(ClientProfile::id).toList());
    }
}
