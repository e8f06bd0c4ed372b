package io.tlsweep.prelude.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The challenges of a {@code WWW-Authenticate} value (RFC 9110 §11.6.1): commas between challenges and between
 * params told apart, token68 and auth-params, quoted strings with commas and escapes, and broken values skipped to
 * the next comma.
 */
class ChallengesTest {

    private static Challenge params(String scheme, String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Challenge(scheme, Optional.empty(), m);
    }

    private static Challenge token68(String scheme, String token) {
        return new Challenge(scheme, Optional.of(token), Map.of());
    }

    @Test
    void theRfcsExampleIsTwoChallengesTheFirstWithThreeParams() {
        assertThat(Challenges.parse(" Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic"
                + " realm=\"simple\"")).containsExactly(
                params("Newauth", "realm", "apps", "type", "1", "title", "Login to \"apps\""),
                params("Basic", "realm", "simple"));
    }

    @Test
    void schemesAloneAndWithAToken68() {
        assertThat(Challenges.parse("Negotiate, NTLM")).containsExactly(Challenge.of("Negotiate"),
                Challenge.of("NTLM"));
        assertThat(Challenges.parse("Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXa==, NTLM TlRMTVNTUAACAAAA"))
                .containsExactly(token68("Negotiate", "YIIBhgYGKwYBBQUCoIIBejCCAXa=="),
                        token68("NTLM", "TlRMTVNTUAACAAAA"));
        assertThat(Challenges.parse("Bearer")).containsExactly(Challenge.of("Bearer"));
    }

    @Test
    void aBearerChallengeKeepsItsParamsAndTheirCommas() {
        assertThat(Challenges.parse("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The"
                + " token, it expired\", scope=\"openid profile\"")).containsExactly(params("Bearer", "realm",
                "example", "error", "invalid_token", "error_description", "The token, it expired", "scope",
                "openid profile"));
    }

    @Test
    void aDigestChallengeThenBasicInOneValue() {
        assertThat(Challenges.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\",\t"
                + "algorithm=SHA-256 , nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", basic REALM=x"))
                .containsExactly(params("Digest", "realm", "http-auth@example.org", "qop", "auth, auth-int",
                        "algorithm", "SHA-256", "nonce", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"),
                        params("Basic", "realm", "x"));
    }

    @Test
    void schemesAreSpelledAsRegisteredWhateverTheCaseAndOthersAsSent() {
        assertThat(Challenges.parse("BASIC realm=a, ntlm, NEGOTIATE, bearer, X-Custom-Auth"))
                .extracting(Challenge::scheme).containsExactly("Basic", "NTLM", "Negotiate", "Bearer",
                        "X-Custom-Auth");
        assertThat(Challenges.spelling("x".repeat(100))).hasSize(Challenges.MAX_SCHEME);
    }

    @Test
    void emptyElementsAndBlanksAreSkipped() {
        assertThat(Challenges.parse(" , ,Basic realm=\"a\" ,, ,NTLM,")).containsExactly(
                params("Basic", "realm", "a"), Challenge.of("NTLM"));
        assertThat(Challenges.parse("")).isEmpty();
        assertThat(Challenges.parse(" \t, ")).isEmpty();
    }

    @Test
    void brokenElementsAreSkippedToTheNextCommaOutsideQuotes() {
        assertThat(Challenges.parse("\"quoted, first\", NTLM")).containsExactly(Challenge.of("NTLM"));
        assertThat(Challenges.parse("Basic\"realm\", Negotiate")).containsExactly(Challenge.of("Basic"),
                Challenge.of("Negotiate"));
        assertThat(Challenges.parse("Basic realm=\"never closed, NTLM")).containsExactly(
                params("Basic", "realm", "never closed, NTLM"));
        assertThat(Challenges.parse("Basic foo bar baz, Bearer")).containsExactly(params("Basic"),
                Challenge.of("Bearer"));
        assertThat(Challenges.parse("Basic realm=a junk, NTLM")).containsExactly(params("Basic", "realm", "a"),
                Challenge.of("NTLM"));
    }

    @Test
    void aRepeatedParamKeepsItsFirstValue() {
        assertThat(Challenges.parse("Basic realm=a, REALM=b")).containsExactly(params("Basic", "realm", "a"));
    }

    @Test
    void atMostSoManyChallengesAreRead() {
        assertThat(Challenges.parse("A, ".repeat(1000))).hasSize(Challenges.MAX_CHALLENGES);
    }

    @Test
    void anyValueEndsInALimitedListWithoutThrowing() {
        Random random = new Random(16);
        String alphabet = "Basic NTLM realm=\"\\,= \t;abc/+~";
        for (int i = 0; i < 5000; i++) {
            StringBuilder v = new StringBuilder();
            for (int n = random.nextInt(80); n > 0; n--) {
                v.append(random.nextInt(4) == 0 ? (char) random.nextInt(256)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(Challenges.parse(v.toString())).as(v.toString()).hasSizeLessThanOrEqualTo(
                    Challenges.MAX_CHALLENGES).allSatisfy(c -> assertThat(c.scheme()).isNotBlank());
        }
    }
}
