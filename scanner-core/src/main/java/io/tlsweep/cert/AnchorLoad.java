package io.tlsweep.cert;

import java.util.Objects;

/** The result of loading trust anchors: the anchors, or why they could not be loaded. */
public sealed interface AnchorLoad {

    /** Anchors ready to use. */
    record Loaded(TrustAnchors anchors) implements AnchorLoad {
        public Loaded {
            Objects.requireNonNull(anchors, "anchors");
        }
    }

    /**
     * Loading failed.
     *
     * @param source the file as given ({@code certs/internal-ca.pem}) or {@code JDK default trust store}
     * @param reason what went wrong ({@code no such file}, {@code not a PEM certificate bundle: ...})
     */
    record Failed(String source, String reason) implements AnchorLoad {
        public Failed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }

        /** One line for the operator, e.g. {@code cannot load trust anchors from ca.pem: no such file}. */
        public String message() {
            return "cannot load trust anchors from " + source + ": " + reason;
        }
    }

    /** Both loaded: their union; otherwise the first failure. */
    default AnchorLoad plus(AnchorLoad other) {
        if (this instanceof Failed) {
            return this;
        }
        if (other instanceof Failed) {
            return other;
        }
        return new Loaded(((Loaded) this).anchors().plus(((Loaded) other).anchors()));
    }
}
