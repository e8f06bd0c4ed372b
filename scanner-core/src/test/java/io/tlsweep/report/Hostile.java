package io.tlsweep.report;

import io.tlsweep.result.WindowsSymptom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A run whose server- and input-supplied strings try to inject markup, script and spreadsheet formulas. */
final class Hostile {
    static final String SCRIPT = "<script>document.title='pwned'</script>";
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";
    static final String QUOTES = "\"'><b>bold</b>&amp;";
    static final RunInfo RUN = new RunInfo(Instant.parse("2025-03-01T10:00:00Z"), Duration.ofSeconds(83),
            "0.1.0-test", "tlsweep scan --input hosts.txt " + SCRIPT);

    private Hostile() {
    }

    /** 2 breaking (one hostile), 1 legacy, 3 ready, 1 unreachable (hostile failure), 1 not TLS. */
    static List<ResultJson> results() {
        ResultJson evil = Results.endpoint(SCRIPT + ".example:443").verdict("breaks-without-legacy")
                .sni(IMG).reason("best version is TLSv1.0 " + SCRIPT + " " + IMG + " " + QUOTES)
                .protocol("TLSv1.0", "server", Results.CBC, "0x0005:" + IMG).certificate(IMG + " " + SCRIPT)
                .note(SCRIPT).note(IMG).note(FORMULA).finding("rc4", IMG).build();
        ResultJson evilFailure = Results.endpoint(FORMULA).status("rejected").verdict("unreachable")
                .reason("alert: " + IMG)
                .failure("alert", SCRIPT + IMG, "handshake_failure" + IMG,
                        new WindowsSymptom("0x80090326", "The message received was unexpected " + QUOTES, "", ""))
                .note(SCRIPT).build();
        ResultJson notTls = Results.endpoint("ssh.example:22").status("not-tls").verdict("not-tls")
                .reason("not-tls: SSH-2.0-OpenSSH " + SCRIPT).failure("not-tls", "SSH-2.0" + IMG, null,
                        new WindowsSymptom("0x80090326", "The message received was unexpected", "", ""))
                .build();
        return List.of(evil, Results.breaks("old.example:443"), Results.legacy("legacy.example:443"),
                Results.ready("a.example:443"), Results.ready("b.example:443"), Results.ready("c.example:443"),
                evilFailure, notTls);
    }
}
