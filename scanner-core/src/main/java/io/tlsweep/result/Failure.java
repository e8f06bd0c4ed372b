package io.tlsweep.result;

import io.tlsweep.wire.AlertDescription;
import java.util.Optional;

/** A failure as a value: its kind, a human detail, and the alert when the server sent one. */
public record Failure(FailureKind kind, String detail, Optional<AlertDescription> alert) {

    public static Failure of(FailureKind kind, String detail) {
        return new Failure(kind, detail, Optional.empty());
    }

    public static Failure alert(AlertDescription description, String detail) {
        return new Failure(FailureKind.ALERT, detail, Optional.of(description));
    }

    public WindowsSymptom windowsSymptom() {
        return WindowsSymptom.of(kind, alert.orElse(null));
    }

    /** What a Windows client of {@code protocol} (spoken before TLS; empty for none) shows for this failure. */
    public WindowsSymptom windowsSymptom(Optional<String> protocol) {
        return WindowsSymptom.of(kind, alert.orElse(null), protocol);
    }

    @Override
    public String toString() {
        return kind.label() + ": " + detail;
    }
}
