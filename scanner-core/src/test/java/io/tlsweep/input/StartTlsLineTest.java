package io.tlsweep.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code starttls=} on a target line and the run's own choice: what each target is told to speak before TLS, and
 * the line-numbered error of a bad value. The protocols here are data, as the run hands them down.
 */
class StartTlsLineTest {
    private static final List<Integer> PORTS = List.of(25, 443);

    static StartTls known(String fallback) {
        Map<String, List<Integer>> ports = new LinkedHashMap<>();
        ports.put("smtp", List.of(25, 587));
        ports.put("lmtp", List.of(24));
        return StartTls.of(ports, fallback);
    }

    private static List<Target> targets(String line, StartTls rule) {
        ParsedLine parsed = TargetLine.parse(line, "t.txt:3", PORTS, rule);
        assertThat(parsed).as(line).isInstanceOf(ParsedLine.Targets.class);
        return StreamSupport.stream(((ParsedLine.Targets) parsed).spliterator(), false).toList();
    }

    private static String protocols(String line, StartTls rule) {
        return String.join(",", targets(line, rule).stream().map(t -> t.port() + ":" + t.prelude().orElse("tls"))
                .toList());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" with --starttls {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # line                              | run's choice | port:protocol of each target
            192.0.2.1                           | auto         | 25:smtp,443:tls
            192.0.2.1:587                       | auto         | 587:smtp
            192.0.2.1:24                        | auto         | 24:lmtp
            192.0.2.1:465                       | auto         | 465:tls
            192.0.2.1                           | none         | 25:tls,443:tls
            192.0.2.1                           | lmtp         | 25:lmtp,443:lmtp
            192.0.2.1 starttls=none             | auto         | 25:tls,443:tls
            192.0.2.1 starttls=auto             | none         | 25:smtp,443:tls
            192.0.2.1:2525 starttls=smtp        | auto         | 2525:smtp
            192.0.2.1:2525 starttls=SMTP        | none         | 2525:smtp
            192.0.2.0/31:25 starttls=lmtp       | auto         | 25:lmtp,25:lmtp
            mx.example starttls=smtp sni=a.example | none      | 25:smtp,443:smtp
            mx.example sni=a.example starttls=smtp | none      | 25:smtp,443:smtp
            """)
    void aLineSaysWhatIsSpokenBeforeTlsOverTheRunsChoice(String line, String fallback, String expected) {
        assertThat(protocols(line, known(fallback))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1 starttls=bogus            | t.txt:3: starttls=bogus: unknown protocol 'bogus' (smtp, lmtp, none or auto)
            192.0.2.1 starttls=                 | t.txt:3: starttls=: no protocol given (smtp, lmtp, none or auto)
            192.0.2.1 starttls=smtp starttls=lmtp | t.txt:3: starttls= given twice
            192.0.2.1 starttls                  | t.txt:3: unknown modifier 'starttls' (expected sni=NAME or starttls=PROTO)
            """)
    void aBadValueIsItsLinesError(String line, String message) {
        ParsedLine parsed = TargetLine.parse(line, "t.txt:3", PORTS, known("auto"));

        assertThat(parsed).isInstanceOf(ParsedLine.Failed.class);
        assertThat(((ParsedLine.Failed) parsed).error()).hasToString(message);
    }

    @Test
    void withNoProtocolKnownEveryTargetIsDirectAndANameIsAnError() {
        assertThat(protocols("192.0.2.1", StartTls.DIRECT)).isEqualTo("25:tls,443:tls");
        assertThat(protocols("192.0.2.1 starttls=none", StartTls.DIRECT)).isEqualTo("25:tls,443:tls");
        assertThat(((ParsedLine.Failed) TargetLine.parse("192.0.2.1 starttls=smtp", "-:1", PORTS)).error())
                .hasToString("-:1: starttls=smtp: unknown protocol 'smtp' (none or auto)");
    }

    @Test
    void aBadLineIsReportedAndTheOtherLinesAreRead() {
        String file = "192.0.2.1:25\n192.0.2.2:25 starttls=bogus\n192.0.2.3:25 starttls=none\n";
        List<InputError> errors = new ArrayList<>();
        List<Target> read = new ArrayList<>();
        try (TargetSource source = TargetSource.builder(List.of(443))
                .stdin(new ByteArrayInputStream(file.getBytes(StandardCharsets.US_ASCII))).startTls(known("auto"))
                .onError(errors::add).build()) {
            source.forEachRemaining(read::add);
        }

        assertThat(errors).extracting(InputError::toString)
                .containsExactly("-:2: starttls=bogus: unknown protocol 'bogus' (smtp, lmtp, none or auto)");
        assertThat(read).extracting(Target::host, Target::prelude).containsExactly(
                org.assertj.core.groups.Tuple.tuple("192.0.2.1", Optional.of("smtp")),
                org.assertj.core.groups.Tuple.tuple("192.0.2.3", Optional.empty()));
    }

    @Test
    void theSameAddressAndPortSpokenToInTwoWaysIsTwoEndpoints() {
        List<Target> listed = new ArrayList<>(targets("192.0.2.1:25", known("auto")));
        listed.addAll(targets("192.0.2.1:25 starttls=none", known("auto")));
        listed.addAll(targets("192.0.2.1:25 starttls=smtp", known("none")));

        DistinctTargets distinct = new DistinctTargets(listed.iterator());
        distinct.forEachRemaining(t -> { });
        assertThat(distinct.distinct()).isEqualTo(2);
        assertThat(distinct.duplicates()).isEqualTo(1);
        assertThat(EndpointIdentity.key(listed.get(1))).isEqualTo(EndpointIdentity.key("192.0.2.1", 25, null, null));
        assertThat(EndpointIdentity.key(listed.get(0))).isEqualTo(EndpointIdentity.key("192.0.2.1", 25, null, "smtp"));
    }

    @Test
    void theCallersRuleMustBeConsistent() {
        assertThatThrownBy(() -> known("bogus")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown protocol 'bogus' (smtp, lmtp, none or auto)");
        assertThatThrownBy(() -> new StartTls(List.of("smtp"), Map.of(25, "imap"), "auto"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StartTls(List.of("Auto"), Map.of(), "auto"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(known("auto").withFallback("smtp").protocolFor(Optional.empty(), 443)).contains("smtp");
    }
}
