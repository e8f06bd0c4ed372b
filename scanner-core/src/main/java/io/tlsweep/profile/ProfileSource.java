package io.tlsweep.profile;

/** A public document (or a capture kept in this repository) that profile facts cite. */
public record ProfileSource(String key, String title, String url) {
}
