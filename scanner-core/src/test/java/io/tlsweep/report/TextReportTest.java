package io.tlsweep.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {
    private static String print(List<ResultJson> results) {
        StringWriter out = new StringWriter();
        TextReport.print(new PrintWriter(out), results);
        return out.toString();
    }

    @Test
    void oneLinePerEndpointThenTotalsByVerdict() {
        String text = print(Hostile.results());
        List<String> lines = text.lines().toList();

        assertThat(lines.get(0)).startsWith("target").contains("verdict").contains("best").endsWith("reason");
        assertThat(lines).hasSize(1 + 8 + 2 + 1 + 3);
        assertThat(lines.get(2)).startsWith("old.example:443").contains("breaks-without-legacy").contains("TLSv1.0");
        assertThat(lines.get(4)).startsWith("a.example:443").contains("ready").contains("TLSv1.3");
        assertThat(lines.get(8)).startsWith("ssh.example:22").contains("not-tls").contains(" - ");
        assertThat(lines.get(10)).isEqualTo("totals: breaks-without-legacy 2, legacy-enabled 1, ready 3, unreachable 1,"
                + " not-tls 1 (8 endpoints)");
        assertThat(lines.get(11)).startsWith("next steps (3 endpoint(s)");
    }

    @Test
    void theNextStepsShownAreTheMostSevereWhenThereAreMoreThanTheCap() {
        List<ResultJson> results = new java.util.ArrayList<>();
        for (int i = 0; i < TextReport.NEXT_STEPS_SHOWN + 2; i++) {
            results.add(Results.legacy("legacy-" + i + ".example:443"));
        }
        results.add(Results.breaks("late-break.example:443"));
        List<String> lines = print(results).lines().toList();
        int head = lines.indexOf(lines.stream().filter(l -> l.startsWith("next steps (")).findFirst().orElseThrow());

        assertThat(lines.get(head)).startsWith("next steps (13 endpoint(s)");
        assertThat(lines.get(head + 1)).as("the one that breaks, though it came last").startsWith(
                "  late-break.example:443: ");
        assertThat(lines.subList(head + 2, head + 1 + TextReport.NEXT_STEPS_SHOWN)).allMatch(
                l -> l.startsWith("  legacy-"));
        assertThat(lines.get(head + 1 + TextReport.NEXT_STEPS_SHOWN)).startsWith("  … and 3 more");
    }

    @Test
    void reasonsAreCutAtAWordToOneLineAndControlCharactersCannotReachTheTerminal() {
        String reason = "first line\nsecond \u001b[2J\u001b[31mred\u0007 " + "word ".repeat(40);
        String text = print(List.of(Results.endpoint("x\u001b]0;title\u0007.example:443").reason(reason).build()));
        String row = text.lines().toList().get(1);

        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(row).startsWith("x\\x1b]0;title\\x07.example:443")
                .contains("first line second \\x1b[2J\\x1b[31mred\\x07 word")
                .endsWith("word…");
        String cut = row.substring(row.indexOf("first line"));
        assertThat(cut.length()).isLessThanOrEqualTo(TextReport.REASON_WIDTH);
    }

    @Test
    void fitKeepsShortTextAndCutsLongText() {
        assertThat(TextReport.fit("short", 10)).isEqualTo("short");
        assertThat(TextReport.fit("exactly10!", 10)).isEqualTo("exactly10!");
        assertThat(TextReport.fit("abcdefghijklmnop", 10)).isEqualTo("abcdefghi…");
        assertThat(TextReport.fit("aaaa bbbb cccc dddd", 12)).isEqualTo("aaaa bbbb…");
        assertThat(TextReport.fit(null, 10)).isEmpty();
    }

    @Test
    void anEmptyRunSaysSo() {
        assertThat(print(List.of())).contains("totals: no endpoints");
    }

    /** A line whose client profile loses the endpoint with TLS 1.0/1.1 off and under the what-if {@code whatIf}. */
    private static ResultJson losing(String target, String whatIf, boolean loses) throws Exception {
        String loss = "{\"id\":\"win7-schannel\",\"name\":\"Windows 7\",\"today\":\"connects\","
                + "\"after\":{\"result\":\"no-answer\"}}";
        String line = "{\"schema\":\"tlsweep/1\",\"target\":\"" + target + "\",\"host\":\"127.0.0.1\","
                + "\"port\":443,\"status\":\"ok\",\"verdict\":\"breaks-without-legacy\",\"reason\":\"r\","
                + "\"profiles\":[{\"id\":\"win7-schannel\",\"name\":\"Windows 7\","
                + "\"predicted\":{\"result\":\"connects\"}}],"
                + "\"legacyOff\":{\"disabled\":\"SSLv3, TLSv1.0, TLSv1.1\",\"loses\":[" + loss + "]},"
                + "\"whatIf\":{\"disabled\":\"" + whatIf + "\",\"loses\":[" + (loses ? loss : "") + "]},"
                + "\"connections\":1,\"elapsedMs\":1}";
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(line, ResultJson.class);
    }

    @Test
    void aWhatIfLosingTheSameEndpointsWithAnotherMessageIsListed() throws Exception {
        String line = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                losing("127.0.0.1:443", "TLSv1.0, TLSv1.1", true)).replaceFirst(
                "(\"whatIf\".*?\"result\":)\"no-answer\"", "$1\"no-shared-suite\"");
        ResultJson r = new com.fasterxml.jackson.databind.ObjectMapper().readValue(line, ResultJson.class);
        String text = print(List.of(r));
        assertThat(text).contains("what if TLSv1.0, TLSv1.1 are switched off, these clients lose endpoints:")
                .contains("127.0.0.1:443: (no-shared-suite)")
                .doesNotContain("the same clients lose the same endpoints");
    }

    @Test
    void aWhatIfThatLosesWhatLegacyOffLosesIsNotListedTwice() throws Exception {
        String same = print(List.of(losing("127.0.0.1:443", "TLSv1.0, TLSv1.1", true)));
        assertThat(same).contains("if SSLv3, TLSv1.0, TLSv1.1 are switched off, these clients lose endpoints:")
                .contains("what if TLSv1.0, TLSv1.1 are switched off: the same clients lose the same endpoints");
        assertThat(same.split("Windows 7", -1)).hasSize(2);
        String other = print(List.of(losing("127.0.0.1:443", "TLSv1.2", false)));
        assertThat(other).contains("what if TLSv1.2 are switched off: no client profile loses an endpoint");
    }
}
