package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.prelude.AfterTlsCodec;
import io.tlsweep.prelude.LinePrelude;
import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeContext;
import io.tlsweep.prelude.ldap.LdapProtocol;
import io.tlsweep.prelude.smtp.SmtpProtocol;
import io.tlsweep.result.AuthAfterTls;
import io.tlsweep.result.PreludeFactsAfterTls;
import io.tlsweep.targets.DefaultProfiles;
import io.tlsweep.targets.PreludeTargetSpec;
import io.tlsweep.targets.TargetFarm;
import io.tlsweep.targets.TargetFarmExtension;
import io.tlsweep.targets.TargetSpec;
import io.tlsweep.wire.ProtocolVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The full-handshake client asks what the prelude asks over TLS once the handshake is done, on that connection:
 * against the farm's SMTP server in front of a real stack, which offers AUTH only over TLS, each provider learns
 * the mechanisms; without asking nothing is learned; a server that says nothing over TLS leaves the handshake
 * established and nothing learned, at the prelude's timeout.
 */
class HandshakeAfterTlsTest {
    @RegisterExtension
    static final TargetFarmExtension FARM = TargetFarmExtension.of(List.<TargetSpec>of(
            PreludeTargetSpec.smtp("after-smtp", "after tls relay", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("after-smtp-tls").build()).authOnlyOverTls(),
            PreludeTargetSpec.of("after-line", "line banner", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("after-line-tls").build()),
            PreludeTargetSpec.ldap("after-ldap", "PLAIN EXTERNAL", DefaultProfiles.modernTls12And13().toBuilder()
                    .name("after-ldap-tls").build())));

    private static final PreludeContext CONTEXT = new PreludeContext(Optional.empty(), "scanner.test.example");

    private static HandshakeOutcome.Established handshake(TargetFarm farm, String name, Prelude prelude,
            TlsProvider provider, HandshakeClientConfig config) {
        try (HandshakeClient client = new HandshakeClient(config)) {
            HandshakeOutcome o = Handshakes.run(client, Handshakes.target(farm.target(name)).withPrelude(prelude),
                    HandshakeSpec.of(provider, ProtocolVersion.TLSv1_2));
            assertThat(o).isInstanceOf(HandshakeOutcome.Established.class);
            return (HandshakeOutcome.Established) o;
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void everyProviderLearnsTheMechanismsOfferedOverTls(TlsProvider provider, TargetFarm farm) {
        HandshakeOutcome.Established e = handshake(farm, "after-smtp", SmtpProtocol.SMTP.prelude(
                CONTEXT.askingAuth()), provider, Handshakes.config());

        assertThat(e.prelude()).containsInstanceOf(PreludeFactsAfterTls.class);
        PreludeFactsAfterTls facts = (PreludeFactsAfterTls) e.prelude().get();
        assertThat(facts.afterTls()).isEqualTo(new AuthAfterTls("smtp", List.of("PLAIN", "LOGIN")));
        assertThat(facts.fields()).containsEntry("auth-before-tls", List.of())
                .containsEntry("auth-after-tls", List.of("PLAIN", "LOGIN"));
    }

    @Test
    void ldapsRootDseIsReadBeforeStartTlsOnTheAskingConnection(TargetFarm farm) {
        HandshakeOutcome.Established e = handshake(farm, "after-ldap", new LdapProtocol().prelude(
                CONTEXT.askingAuth()), TlsProvider.JDK, Handshakes.config());

        assertThat(e.prelude().get().fields()).containsEntry("sasl-mechanisms", List.of("PLAIN", "EXTERNAL"))
                .containsEntry("starttls-listed", true).containsEntry("starttls-offered", true);
        assertThat(e.prelude().get().plainTextAuthBeforeTls()).containsExactly("SASL PLAIN");
    }

    @Test
    void withoutAskingNothingIsLearned(TargetFarm farm) {
        HandshakeOutcome.Established e = handshake(farm, "after-smtp", SmtpProtocol.SMTP.prelude(CONTEXT),
                TlsProvider.JDK, Handshakes.config());

        assertThat(e.prelude()).get().isNotInstanceOf(PreludeFactsAfterTls.class);
        assertThat(e.prelude().get().fields()).containsEntry("auth-before-tls", List.of())
                .doesNotContainKey("auth-after-tls");
    }

    @Test
    void aServerSilentOverTlsLeavesTheHandshakeEstablishedAndNothingLearned(TargetFarm farm) {
        Prelude lineThenEhlo = new Prelude() {
            @Override
            public String protocol() {
                return "smtp";
            }

            @Override
            public PreludeCodec open() {
                return new LinePrelude(false).open();
            }

            @Override
            public Optional<AfterTlsCodec> afterTls() {
                return SmtpProtocol.SMTP.prelude(CONTEXT.askingAuth()).afterTls();
            }
        };
        HandshakeClientConfig quick = Handshakes.config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800));

        HandshakeOutcome.Established e = handshake(farm, "after-line", lineThenEhlo, TlsProvider.BORINGSSL, quick);

        assertThat(e.version()).isEqualTo(ProtocolVersion.TLSv1_2);
        assertThat(e.prelude()).as("the line prelude's facts, nothing joined").get()
                .isNotInstanceOf(PreludeFactsAfterTls.class);
    }
}
