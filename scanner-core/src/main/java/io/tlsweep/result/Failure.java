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

    @Override
    public String toString() {
        return kind.label() + ": " + detail;
    }
}
