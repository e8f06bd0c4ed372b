package io.tlsweep.probe;

import static io.tlsweep.probe.FakeServer.suite;
import static io.tlsweep.profile.TestProfiles.profile;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.profile.ClientFamily;
import io.tlsweep.profile.ClientProfile;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.ProfileOutcome;
import io.tlsweep.result.ProfileOutcome.Reason;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The profile hellos against a scripted server: profiles whose hellos the server cannot tell apart share one
 * connection, and its answer, lost answers included, is read for each of them as if each had sent it.
 */
class ProfileProbeTest {
    private static final Optional<String> NAME = Optional.of("host.tlsweep.test");
    private static final FakeServer TLS12 = new FakeServer(Map.of(ProtocolVersion.TLSv1_1, List.of(suite(0xC013)),
            ProtocolVersion.TLSv1_2, List.of(suite(0xC02F), suite(0x009C))), true, List.of(NamedGroup.X25519),
            List.of(), false);
    /** a and b send one hello; b does not complete TLS 1.2, which the server picks. */
    private static final ClientProfile A = profile("a", ClientFamily.SCHANNEL)
            .versions(ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2).suites(0xC02F, 0xC013)
            .groups("x25519", "secp256r1").build();
    private static final ClientProfile B = profile("b", ClientFamily.DOTNET)
            .versions(ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2).completes(ProtocolVersion.TLSv1_1)
            .suites(0xC02F, 0xC013).groups("x25519", "secp256r1").build();
    /** c's hello is one byte apart from a's: secp384r1 (0x0018) in place of secp256r1 (0x0017). */
    private static final ClientProfile C = profile("c", ClientFamily.SCHANNEL)
            .versions(ProtocolVersion.TLSv1_1, ProtocolVersion.TLSv1_2).suites(0xC02F, 0xC013)
            .groups("x25519", "secp384r1").build();

    /** The steps sent, in order, and the probe once done. */
    private record Run(ProfileProbe probe, List<ProbeStep> sent) {
        List<String> purposes() {
            return sent.stream().map(ProbeStep::purpose).toList();
        }
    }

    private static Run run(ProfileProbe probe, Function<ClientHelloSpec, ConnectionOutcome> server) {
        List<ProbeStep> sent = new ArrayList<>();
        for (int round = 0; round < 1_000 && !probe.done(); round++) {
            for (ProbeStep s : probe.ready()) {
                sent.add(s);
                probe.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(probe.done()).isTrue();
        return new Run(probe, sent);
    }

    private static ProfileProbe probe(LostAnswers losses, ClientProfile... profiles) {
        return new ProfileProbe(List.of(profiles), NAME, List.of(), 0, losses);
    }

    /** Each profile's outcome from a probe of its own, one connection each. */
    private static Map<String, ProfileOutcome> eachAlone(Function<ClientHelloSpec, ConnectionOutcome> server,
            ClientProfile... profiles) {
        Map<String, ProfileOutcome> each = new LinkedHashMap<>();
        for (ClientProfile p : profiles) {
            each.putAll(run(probe(new LostAnswers(), p), server).probe().observed());
        }
        return each;
    }

    @Test
    void twoProfilesWithOneHelloShareOneConnectionAndEachReadsItsAnswerAsItsClientWould() {
        Run r = run(probe(new LostAnswers(), A, B, C), TLS12::answer);

        assertThat(r.purposes()).containsExactly("profiles a, b", "profile c");
        assertThat(r.probe().connections()).isEqualTo(2);
        assertThat(r.probe().hellos()).hasSize(2);
        Map<String, ProfileOutcome> observed = r.probe().observed();
        assertThat(observed).containsOnlyKeys("a", "b", "c");
        assertThat(observed.get("a")).isEqualTo(ProfileOutcome.connects(ProtocolVersion.TLSv1_2, suite(0xC02F)));
        assertThat(observed.get("b").reason()).isEqualTo(Reason.CLIENT_REFUSES_VERSION);
        assertThat(observed.get("c")).isEqualTo(observed.get("a"));
        assertThat(observed).isEqualTo(eachAlone(TLS12::answer, A, B, C));
    }

    @Test
    void aLostAnswerThenAnAnswerIsSentAgainOnceForTheHelloAndSharedByItsProfiles() {
        int[] calls = {0};
        Function<ClientHelloSpec, ConnectionOutcome> resetsFirst = h -> ++calls[0] == 1
                ? FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY) : TLS12.answer(h);
        LostAnswers losses = new LostAnswers();

        Run r = run(probe(losses, A, B, C), resetsFirst);

        assertThat(r.purposes()).containsExactly("profiles a, b", "profiles a, b attempt 2", "profile c");
        assertThat(r.probe().connections()).isEqualTo(3);
        assertThat(r.probe().observed()).isEqualTo(eachAlone(TLS12::answer, A, B, C));
        assertThat(losses.sign()).contains("profiles a, b: reset-before-reply, then connects TLSv1.2");
        assertThat(losses.sentAgainCount()).isEqualTo(1);
    }

    @Test
    void aHelloLostOnBothAttemptsIsParkedThenTakenAsRefusedForEachOfItsProfiles() {
        Function<ClientHelloSpec, ConnectionOutcome> resetsAb = h -> h.supportedGroups().contains(NamedGroup.SECP256R1)
                ? FakeServer.noReply(FailureKind.RESET_BEFORE_REPLY) : TLS12.answer(h);

        Run r = run(probe(new LostAnswers(), A, B, C), resetsAb);

        assertThat(r.purposes()).containsExactly("profiles a, b", "profiles a, b attempt 2", "profile c");
        assertThat(r.probe().observed()).isEqualTo(eachAlone(resetsAb, A, B, C));
        assertThat(r.probe().observed().get("a").reason()).isEqualTo(Reason.REFUSED);
        assertThat(r.probe().observed().get("b").reason()).isEqualTo(Reason.REFUSED);
        assertThat(r.probe().observed().get("c").connects()).isTrue();
    }

    @Test
    void nothingListeningEndsTheHellosAfterTheFirstWhoseProfilesAllGetNoAnswer() {
        Run r = run(probe(new LostAnswers(), A, B, C), h -> FakeServer.noReply(FailureKind.CONNECT_REFUSED));

        assertThat(r.purposes()).containsExactly("profiles a, b");
        assertThat(r.probe().observed()).containsOnlyKeys("a", "b")
                .allSatisfy((id, o) -> assertThat(o.reason()).isEqualTo(Reason.NO_ANSWER));
        assertThat(r.probe().ending().orElseThrow().kind()).isEqualTo(FailureKind.CONNECT_REFUSED);
    }
}
