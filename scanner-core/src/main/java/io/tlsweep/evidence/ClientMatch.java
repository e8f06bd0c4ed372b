package io.tlsweep.evidence;

import java.util.Objects;

/**
 * The built-in client profile a seen ClientHello is closest to.
 *
 * @param profileId the profile's id ("win7-schannel")
 * @param profileName what a report shows ("Windows 7 / Server 2008 R2 (Schannel defaults)")
 * @param distance how far the hello is from the profile's (0: the same versions, suites, groups and extensions)
 */
public record ClientMatch(String profileId, String profileName, int distance) {
    public ClientMatch {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(profileName, "profileName");
        if (distance < 0) {
            throw new IllegalArgumentException("negative distance " + distance);
        }
    }

    public boolean exact() {
        return distance == 0;
    }
}
