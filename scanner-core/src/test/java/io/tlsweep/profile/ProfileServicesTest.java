package io.tlsweep.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.PreludeProtocols;
import org.junit.jupiter.api.Test;

/** The service names a profile may be limited to, and the endpoint's service they are matched against. */
class ProfileServicesTest {

    /**
     * The profile package keeps the names as text (it may not depend on the prelude codecs), so this is where the
     * two lists are held together: a protocol added to the prelude registry under a name profiles cannot use fails
     * here.
     */
    @Test
    void everyPreludeProtocolIsAServiceAProfileCanName() {
        for (PreludeProtocol p : PreludeProtocols.ALL) {
            assertThat(ProfileServices.named(p.name())).as(p.name()).hasValue(p.name());
        }
    }

    @Test
    void anEndpointWithoutPreludeIsDirectTls() {
        assertThat(ProfileServices.ofEndpoint("")).isEqualTo(ProfileServices.DIRECT_TLS);
        assertThat(ProfileServices.ofEndpoint("  ")).isEqualTo(ProfileServices.DIRECT_TLS);
        assertThat(ProfileServices.ofEndpoint("MSSQL")).isEqualTo("mssql");
        assertThat(ProfileServices.KNOWN).doesNotHaveDuplicates().allMatch(n -> n.equals(n.toLowerCase()));
    }

    @Test
    void aProfileBuiltInCodeCannotListNoServiceOrAnUnknownOne() {
        assertThatThrownBy(() -> TestProfiles.profile("x", ClientFamily.JAVA).suites(0xC02F).services().build())
                .hasMessage("x: lists no service (leave services out for every endpoint)");
        assertThatThrownBy(() -> TestProfiles.profile("y", ClientFamily.JAVA).suites(0xC02F).services("rdp", "RDP")
                .build()).hasMessage("y: 'RDP' is not a service tlsweep knows");
        assertThat(TestProfiles.profile("z", ClientFamily.JAVA).suites(0xC02F).services("rdp").build().appliesTo(""))
                .isFalse();
    }

    @Test
    void namesAreReadIgnoringCaseAndBlanksAndOthersAreNotServices() {
        assertThat(ProfileServices.named(" Rdp ")).hasValue("rdp");
        assertThat(ProfileServices.named("xmpp-server")).hasValue("xmpp-server");
        assertThat(ProfileServices.named("https")).isEmpty();
        assertThat(ProfileServices.named("")).isEmpty();
    }
}
