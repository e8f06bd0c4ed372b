package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.check.MssqlEncryptionCheck.EncryptOff;
import io.tlsweep.check.MssqlEncryptionCheck.Part;
import io.tlsweep.check.MssqlEncryptionCheck.Strict;
import io.tlsweep.prelude.tds.Encryption;
import io.tlsweep.wire.ProtocolVersion;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A SQL Server that serves TDS 8.0 strict encryption and leaves PRELOGIN unanswered is told to be rescanned. */
class MssqlStrictOnlyTest {
    private static final PartJson<Part> JSON = new MssqlEncryptionCheck().json().orElseThrow();
    private static final Strict SERVED = new Strict(true, Optional.of(ProtocolVersion.TLSv1_2), Optional.of("tds/8.0"),
            Optional.empty());
    private static final Strict CLOSED = new Strict(false, Optional.empty(), Optional.empty(), Optional.of("closed"));
    private static final EncryptOff UNANSWERED = new EncryptOff(Optional.empty(), Optional.of("closed"));
    private static final EncryptOff ANSWERED = new EncryptOff(Optional.of(Encryption.OFF), Optional.empty());

    @Test
    void onlyStrictServedWithPreloginUnansweredPointsToStrictMode() {
        Part strictOnly = new Part(UNANSWERED, SERVED);
        assertThat(strictOnly.strictOnly()).isTrue();
        assertThat(JSON.summary(strictOnly)).isEqualTo("ENCRYPT_OFF unanswered (closed); TDS 8.0 strict served"
                + " (TLSv1.2, ALPN tds/8.0); strict only: rescan with starttls=mssql-strict");
        for (Part other : new Part[] {new Part(ANSWERED, SERVED), new Part(UNANSWERED, CLOSED),
            new Part(ANSWERED, CLOSED)}) {
            assertThat(other.strictOnly()).as(other.toString()).isFalse();
            assertThat(JSON.summary(other)).doesNotContain("rescan");
        }
    }
}
