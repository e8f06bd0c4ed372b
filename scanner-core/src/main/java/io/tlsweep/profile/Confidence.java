package io.tlsweep.profile;

/**
 * How firmly a profile fact stands: stated by the vendor or read from a real ClientHello (H), derived from such
 * facts or from well-documented secondary material (M), plausible but unconfirmed (L).
 */
public enum Confidence {
    H, M, L
}
