package io.tlsweep.profile;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The built-in client profiles ({@link ProfileFile#builtIn()}) as a list that reads the profile file when it is
 * first looked into: a run whose endpoints never reach a profile (closed, silent, not TLS) never parses it.
 * Immutable, and equal to the built-in catalog's list.
 */
public final class BuiltInProfiles extends AbstractList<ClientProfile> implements RandomAccess {
    /** The one instance. */
    public static final List<ClientProfile> LIST = new BuiltInProfiles();

    /** Read on first use (the class is initialised then). */
    private static final class Loaded {
        static final List<ClientProfile> PROFILES = ProfileFile.builtIn().profiles();
    }

    private BuiltInProfiles() {
    }

    /** {@code profiles} as an immutable list: this list as it is (still unread), any other copied. */
    public static List<ClientProfile> copyOf(List<ClientProfile> profiles) {
        return profiles instanceof BuiltInProfiles ? profiles : List.copyOf(profiles);
    }

    @Override
    public ClientProfile get(int index) {
        return Loaded.PROFILES.get(index);
    }

    @Override
    public int size() {
        return Loaded.PROFILES.size();
    }
}
