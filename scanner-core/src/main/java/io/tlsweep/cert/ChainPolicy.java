package io.tlsweep.cert;

import java.util.Objects;

/**
 * What a chain is checked against.
 *
 * @param anchors           the trust anchors
 * @param expiringSoonDays  a leaf with less than this many days left is EXPIRING_SOON (0 disables it)
 */
public record ChainPolicy(TrustAnchors anchors, int expiringSoonDays) {

    public static final int DEFAULT_EXPIRING_SOON_DAYS = 30;

    public ChainPolicy {
        Objects.requireNonNull(anchors, "anchors");
        if (expiringSoonDays < 0) {
            throw new IllegalArgumentException("expiring-soon threshold " + expiringSoonDays + " is negative");
        }
    }

    /** The anchors with the default 30-day expiry warning. */
    public static ChainPolicy of(TrustAnchors anchors) {
        return new ChainPolicy(anchors, DEFAULT_EXPIRING_SOON_DAYS);
    }
}
