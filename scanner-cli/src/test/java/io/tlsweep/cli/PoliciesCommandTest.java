package io.tlsweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlsweep policies}: the built-in policies, one in full with its sources, and a user's file checked. */
class PoliciesCommandTest {

    @Test
    void theListGivesEachPolicyItsRuleCountAndSources() {
        CliRun r = CliRun.tlsweep("policies");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("id                     rules  name\n")
                .contains("mozilla-modern             6  Mozilla Server Side TLS 5.8, modern configuration\n")
                .contains("pci-dss-4                  7  PCI DSS 4.0.1: no SSL/early TLS, strong cryptography\n")
                .contains("source: NIST SP 800-52 Rev. 2 (August 2019) <https://doi.org/10.6028/NIST.SP.800-52r2>")
                .contains("6 policies; `tlsweep policies NAME` shows one with the source of every rule");
    }

    @Test
    void onePolicyShowsEachRuleWithWhatItTestsAndItsSource() {
        CliRun r = CliRun.tlsweep("policies", "nist-800-52r2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("nist-800-52r2: NIST SP 800-52 Rev. 2, TLS servers (10 rules)\n")
                .contains("  no-tls10-11        TLS 1.0 and TLS 1.1 are not accepted.\n"
                        + "                     versions.forbidden: TLSv1.0, TLSv1.1\n"
                        + "                     [NIST SP 800-52 Rev. 2 (August 2019), 3.1"
                        + " <https://doi.org/10.6028/NIST.SP.800-52r2>] government-only servers shall not");
    }

    @Test
    void anUnknownNameIsAUsageError() {
        CliRun r = CliRun.tlsweep("policies", "pci");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("tlsweep policies: no built-in policy 'pci' (mozilla-modern,");
    }

    @Test
    void aUserFileIsCheckedThenShownAndABadOneNamesFileRuleAndField(@TempDir Path dir) throws Exception {
        Path ours = dir.resolve("ours.json");
        String good = """
                {"schema": "tlsweep-policy/1", "id": "ours", "name": "Our TLS standard",
                 "sources": {"std": {"title": "IT security standard 2026", "url": "https://intranet.invalid/std"}},
                 "rules": [{"id": "no-3des", "description": "No 3DES or RC4.",
                   "source": {"document": "std", "section": "5.3"}, "test": "suites.forbidden",
                   "value": ["3des", "rc4"]}]}
                """;
        Files.writeString(ours, good);
        CliRun r = CliRun.tlsweep("policies", "--file", ours.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("ours: Our TLS standard (1 rule)\n  no-3des            No 3DES or RC4.\n"
                + "                     suites.forbidden: rc4, 3des\n"
                + "                     [IT security standard 2026, 5.3 <https://intranet.invalid/std>]\n");
        Files.writeString(ours, good.replace("\"3des\"", "\"3dess\""));
        CliRun bad = CliRun.tlsweep("policies", "--file", ours.toString());
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).isEqualTo("tlsweep policies: " + ours + ": rule 'no-3des': value: [0]: '3dess' is"
                + " neither a weakness (null, anon, export, rc4, rc2, des, 3des, md5, cbc) nor a cipher suite tlsweep"
                + " knows\n");
        assertThat(bad.out()).isEmpty();
    }
}
