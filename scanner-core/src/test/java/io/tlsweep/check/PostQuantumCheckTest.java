package io.tlsweep.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.check.PostQuantumPart.Answer;
import io.tlsweep.check.PostQuantumPart.GroupAnswer;
import io.tlsweep.check.PostQuantumPart.Preference;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.CipherSuites;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.Hex;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The post-quantum check's decisions on what real servers answered (captured in {@code vectors/pq}: BoringSSL of
 * netty-tcnative 2.0.84 and OpenSSL 3.0's s_server), whole, in pieces, cut short and mutated; its plan driven by
 * servers scripted with those answers; its part through its JSON.
 */
class PostQuantumCheckTest {
    private static final List<CipherSuite> TLS13 = CipherSuites.forVersion(ProtocolVersion.TLSv1_3);
    private static final Optional<Failure> ALERTS = Optional.of(Failure.of(FailureKind.ALERT, "handshake_failure"));

    private static byte[] vector(String name) {
        return Vectors.load("pq/" + name + ".server.hex");
    }

    private static ConnectionOutcome replied(byte[] bytes) {
        return new ConnectionOutcome.Replied(ServerResponseDecoder.finish(bytes), Timings.NONE);
    }

    private static ConnectionOutcome noReply(FailureKind kind) {
        return new ConnectionOutcome.NoReply(Failure.of(kind, kind.toString()), Timings.NONE);
    }

    private static PostQuantumReply read(byte[] bytes) {
        return PostQuantumReply.read(replied(bytes), ALERTS);
    }

    /** The captured HelloRetryRequest (naming X25519MLKEM768) with another group in its key_share. */
    private static byte[] retryNaming(NamedGroup g) {
        String hex = Hex.of(vector("pq-retry-x25519mlkem768"));
        String named = "0033000211ec";
        assertThat(hex).containsOnlyOnce(named);
        return Hex.parse(hex.replace(named, "00330002" + String.format("%04x", g.code())));
    }

    @Test
    void readsWhatRealServersAnswered() {
        assertThat(read(vector("pq-retry-x25519mlkem768")))
                .isEqualTo(new PostQuantumReply.Chose(NamedGroup.X25519_MLKEM768, true, Optional.empty()));
        assertThat(read(vector("pq-share-x25519mlkem768")))
                .isEqualTo(new PostQuantumReply.Chose(NamedGroup.X25519_MLKEM768, false, Optional.of(1120)));
        assertThat(read(vector("pq-share-kyber")))
                .isEqualTo(new PostQuantumReply.Chose(NamedGroup.X25519_KYBER768_DRAFT00, false, Optional.of(1120)));
        assertThat(read(vector("pq-browser-pq")))
                .isEqualTo(new PostQuantumReply.Chose(NamedGroup.X25519_MLKEM768, false, Optional.of(1120)));
        assertThat(read(vector("pq-browser-classic")))
                .isEqualTo(new PostQuantumReply.Chose(NamedGroup.X25519, false, Optional.of(32)));
        for (String refused : List.of("pq-share-p256mlkem", "pq-retry-none", "pq-openssl30-retry",
                "pq-openssl30-share-x25519mlkem768")) {
            assertThat(read(vector(refused))).as(refused)
                    .isEqualTo(new PostQuantumReply.Refused("fatal alert handshake_failure"));
        }
    }

    @Test
    void aLostAnswerIsARefusalOnlyWhenTheServerRefusesTls13ThatWay() {
        Optional<Failure> resets = Optional.of(Failure.of(FailureKind.RESET_BEFORE_REPLY, "reset"));
        assertThat(PostQuantumReply.read(noReply(FailureKind.RESET_BEFORE_REPLY), resets))
                .isInstanceOf(PostQuantumReply.Refused.class);
        assertThat(PostQuantumReply.read(noReply(FailureKind.RESET_BEFORE_REPLY), ALERTS))
                .isInstanceOf(PostQuantumReply.Unsettled.class);
        assertThat(PostQuantumReply.read(noReply(FailureKind.CLOSED_BEFORE_REPLY), Optional.empty()))
                .isInstanceOf(PostQuantumReply.Unsettled.class);
        Optional<Failure> silent = Optional.of(Failure.of(FailureKind.READ_TIMEOUT, "silence"));
        assertThat(PostQuantumReply.read(noReply(FailureKind.READ_TIMEOUT), silent))
                .as("a silence never settles it").isInstanceOf(PostQuantumReply.Unsettled.class);
    }

    @Test
    void inPiecesTheFirstDecisionReadsAsTheWhole() {
        for (String name : names()) {
            byte[] whole = vector(name);
            PostQuantumReply expected = read(whole);
            PostQuantumReply first = null;
            for (int k = 1; k <= whole.length && first == null; k++) {
                if (ServerResponseDecoder.decode(whole, 0, k) instanceof ServerResponseDecoder.Decoding.Done d) {
                    first = PostQuantumReply.read(new ConnectionOutcome.Replied(d.response(), Timings.NONE), ALERTS);
                }
            }
            assertThat(first).as(name + " byte by byte").isEqualTo(expected);
            for (int piece : new int[] {50, 512}) {
                PostQuantumReply got = null;
                for (int k = Math.min(piece, whole.length); got == null;
                        k = Math.min(k + piece, whole.length)) {
                    if (ServerResponseDecoder.decode(whole, 0, k) instanceof ServerResponseDecoder.Decoding.Done d) {
                        got = PostQuantumReply.read(new ConnectionOutcome.Replied(d.response(), Timings.NONE),
                                ALERTS);
                    }
                    assertThat(k < whole.length || got != null).as(name + " decided by its end").isTrue();
                }
                assertThat(got).as(name + " in " + piece + "-byte pieces").isEqualTo(expected);
            }
        }
    }

    private static List<String> names() {
        return List.of("pq-retry-x25519mlkem768", "pq-share-x25519mlkem768", "pq-share-kyber", "pq-share-p256mlkem",
                "pq-browser-pq", "pq-browser-classic", "pq-retry-none", "pq-openssl30-retry",
                "pq-openssl30-share-x25519mlkem768");
    }

    @Test
    void cutShortBeforeItsDecidingRecordNothingIsChosenOrRefused() {
        for (String name : names()) {
            byte[] whole = vector(name);
            int decided = ((ServerResponseDecoder.Decoding.Done) ServerResponseDecoder.decode(whole)).consumed();
            for (int k = 0; k < decided; k++) {
                PostQuantumReply cut = read(Arrays.copyOf(whole, k));
                assertThat(cut).as(name + " cut at " + k).isInstanceOf(PostQuantumReply.Unsettled.class);
            }
        }
    }

    /**
     * Mutated answers to the X25519MLKEM768 share: every variant is read to a value, and the plan takes the group
     * only from a TLS 1.3 ServerHello whose key share names it.
     */
    @Test
    void mutatedAnswersReadToAValueAndAcceptOnlyWithTheGroupOnTheWire() {
        byte[] original = vector("pq-share-x25519mlkem768");
        SplittableRandom random = new SplittableRandom(20261203L);
        int accepted = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] m = original.clone();
            int at = random.nextInt(Math.min(m.length, 140));
            switch (i % 3) {
                case 0 -> m[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> m[at] = (byte) random.nextInt(256);
                default -> m = Arrays.copyOf(m, at);
            }
            ServerResponse r = ServerResponseDecoder.finish(m);
            byte[] answer = m;
            PostQuantumPart part = drive(bytes(h -> h.keyShares().orElseThrow().isEmpty() ? vector("pq-retry-none")
                    : h.supportedGroups().equals(List.of(NamedGroup.X25519_MLKEM768)) ? answer
                    : vector("pq-retry-none")), ALERTS).part();
            Answer got = part.groups().stream().filter(g -> g.group().equals(NamedGroup.X25519_MLKEM768))
                    .findFirst().orElseThrow().byKeyShare();
            boolean onTheWire = r instanceof ServerHello sh && sh.version().equals(ProtocolVersion.TLSv1_3)
                    && sh.keyShareGroup().equals(Optional.of(NamedGroup.X25519_MLKEM768));
            assertThat(got == Answer.ACCEPTED).as("variant " + i + ": " + Hex.of(m)).isEqualTo(onTheWire);
            accepted += got == Answer.ACCEPTED ? 1 : 0;
        }
        assertThat(accepted).as("mutations outside the group still accept").isPositive();
    }

    /**
     * A server as BoringSSL answers (captured answers), with these groups in its order: the empty key share is
     * asked for its first group offered; a share of its first group offered is taken; else an alert.
     */
    private static Function<ClientHelloSpec, byte[]> boringSsl(List<NamedGroup> serverOrder) {
        Map<NamedGroup, String> serverHellos = Map.of(NamedGroup.X25519_MLKEM768, "pq-share-x25519mlkem768",
                NamedGroup.X25519_KYBER768_DRAFT00, "pq-share-kyber", NamedGroup.X25519, "pq-browser-classic");
        return h -> {
            Optional<NamedGroup> pick = serverOrder.stream().filter(h.supportedGroups()::contains).findFirst();
            if (pick.isEmpty()) {
                return vector("pq-retry-none");
            }
            boolean shared = h.keyShares().orElseThrow().stream().map(KeyShareEntry::group)
                    .anyMatch(pick.get()::equals);
            return shared ? vector(serverHellos.get(pick.get())) : retryNaming(pick.get());
        };
    }

    /** A server answering every hello with the bytes {@code answer} gives for it. */
    private static Function<ClientHelloSpec, ConnectionOutcome> bytes(Function<ClientHelloSpec, byte[]> answer) {
        return h -> replied(answer.apply(h));
    }

    /** The part a plan came to, and the connections it took. */
    private record Driven(PostQuantumPart part, int connections) {
    }

    /** Drives the plan against {@code server} to its end, as the engine would. */
    private static Driven drive(Function<ClientHelloSpec, ConnectionOutcome> server, Optional<Failure> refusal) {
        return drive(server, refusal, Optional.empty());
    }

    /** Drives the plan, given what the scan's own TLS 1.3 group enumeration found when it ran to its end. */
    private static Driven drive(Function<ClientHelloSpec, ConnectionOutcome> server, Optional<Failure> refusal,
            Optional<List<NamedGroup>> scanGroups) {
        PostQuantumPlan plan = new PostQuantumPlan(1 << 24, TLS13, Optional.of("pq.example"), refusal, scanGroups);
        for (int turn = 0; turn < 20 && !plan.done(); turn++) {
            List<ProbeStep> steps = plan.ready();
            assertThat(steps).as("a plan not done has steps ready").isNotEmpty();
            for (ProbeStep s : steps) {
                assertThat(s.hello().supportedVersions()).containsExactly(ProtocolVersion.TLSv1_3);
                assertThat(s.hello().serverName()).contains("pq.example");
                plan.complete(s, server.apply(s.hello()));
            }
        }
        assertThat(plan.done()).isTrue();
        assertThat(plan.ready()).isEmpty();
        return new Driven(plan.part().orElseThrow(), plan.connections());
    }

    @Test
    void aServerWithHybridsFirstIsReportedWithItsGroupsInItsOrder() {
        Driven driven = drive(bytes(boringSsl(List.of(NamedGroup.X25519_MLKEM768,
                NamedGroup.X25519_KYBER768_DRAFT00, NamedGroup.X25519))), ALERTS);
        PostQuantumPart part = driven.part();
        assertThat(part.groups()).containsExactly(
                new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED, Optional.of(1120)),
                new GroupAnswer(NamedGroup.X25519_KYBER768_DRAFT00, Answer.ACCEPTED, Answer.ACCEPTED,
                        Optional.of(1120)),
                new GroupAnswer(NamedGroup.SECP256R1_MLKEM768, Answer.REFUSED, Answer.REFUSED, Optional.empty()),
                new GroupAnswer(NamedGroup.SECP384R1_MLKEM1024, Answer.REFUSED, Answer.REFUSED, Optional.empty()));
        assertThat(part.preference()).contains(Preference.of(NamedGroup.X25519_MLKEM768, false));
        assertThat(part.accepted()).containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X25519_KYBER768_DRAFT00);
        assertThat(part.pqKeyExchange()).isTrue();
        assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable("post-quantum key exchange: X25519MLKEM768"
                + " (HelloRetryRequest, key share), X25519Kyber768Draft00 (HelloRetryRequest, key share); offered"
                + " beside x25519 with both shares, it picks X25519MLKEM768"));
        assertThat(driven.connections()).as("3 by retry (two named, then refused), 4 shares, 1 beside x25519")
                .isEqualTo(8);
    }

    @Test
    void theScansOwnGroupEnumerationSparesTheRetryHellosAndGivesTheServersOrder() {
        List<ClientHelloSpec> sent = new ArrayList<>();
        Function<ClientHelloSpec, ConnectionOutcome> server = h -> {
            sent.add(h);
            return replied(boringSsl(List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519_KYBER768_DRAFT00,
                    NamedGroup.X25519)).apply(h));
        };
        Driven driven = drive(server, ALERTS, Optional.of(List.of(NamedGroup.X25519_KYBER768_DRAFT00,
                NamedGroup.X25519, NamedGroup.X25519_MLKEM768, NamedGroup.SECP256R1)));
        assertThat(sent).as("no hello with an empty key share").allSatisfy(h ->
                assertThat(h.keyShares().orElseThrow()).isNotEmpty());
        PostQuantumPart part = driven.part();
        assertThat(part.groups()).containsExactly(
                new GroupAnswer(NamedGroup.X25519_KYBER768_DRAFT00, Answer.ACCEPTED, Answer.ACCEPTED,
                        Optional.of(1120)),
                new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.ACCEPTED, Answer.ACCEPTED, Optional.of(1120)),
                new GroupAnswer(NamedGroup.SECP256R1_MLKEM768, Answer.REFUSED, Answer.REFUSED, Optional.empty()),
                new GroupAnswer(NamedGroup.SECP384R1_MLKEM1024, Answer.REFUSED, Answer.REFUSED, Optional.empty()));
        assertThat(driven.connections()).as("4 shares, 1 beside x25519: none by retry").isEqualTo(5);
        PostQuantumPart none = drive(bytes(h -> h.supportedGroups().contains(NamedGroup.X25519)
                ? vector("pq-browser-classic") : vector("pq-openssl30-retry")), ALERTS,
                Optional.of(List.of(NamedGroup.X25519, NamedGroup.SECP256R1))).part();
        assertThat(none.groups()).extracting(GroupAnswer::byRetry).containsOnly(Answer.REFUSED);
        assertThat(none.pqKeyExchange()).isFalse();
    }

    @Test
    void aServerThatPrefersX25519IsReportedPickingIt() {
        Driven driven = drive(bytes(boringSsl(List.of(NamedGroup.X25519, NamedGroup.X25519_MLKEM768))), ALERTS);
        PostQuantumPart part = driven.part();
        assertThat(part.accepted()).containsExactly(NamedGroup.X25519_MLKEM768);
        assertThat(part.preference()).contains(Preference.of(NamedGroup.X25519, false));
        assertThat(part.pqKeyExchange()).isTrue();
        assertThat(part.judgement().reason()).endsWith("it picks x25519");
        assertThat(driven.connections()).isEqualTo(7);
    }

    @Test
    void aServerWithoutHybridsIsReportedWithoutThem() {
        Driven driven = drive(bytes(h -> h.supportedGroups().contains(NamedGroup.X25519)
                ? vector("pq-browser-classic") : vector("pq-openssl30-retry")), ALERTS);
        PostQuantumPart part = driven.part();
        assertThat(part.groups()).extracting(GroupAnswer::byRetry).containsOnly(Answer.REFUSED);
        assertThat(part.groups()).extracting(GroupAnswer::byKeyShare).containsOnly(Answer.REFUSED);
        assertThat(part.pqKeyExchange()).isFalse();
        assertThat(part.judgement()).isEqualTo(Judgement.notVulnerable("no post-quantum group accepted, by"
                + " HelloRetryRequest or by key share: classic key exchange only; offered beside x25519 with both"
                + " shares, it picks x25519"));
        assertThat(driven.connections()).isEqualTo(6);
    }

    @Test
    void lostAnswersLeaveItInconclusiveUnlessTheyAreTheServersWayOfRefusing() {
        Function<ClientHelloSpec, ConnectionOutcome> resets = h -> h.supportedGroups().contains(NamedGroup.X25519)
                ? replied(vector("pq-browser-classic")) : noReply(FailureKind.RESET_BEFORE_REPLY);
        PostQuantumPart refusing = drive(resets, Optional.of(Failure.of(FailureKind.RESET_BEFORE_REPLY, "reset")))
                .part();
        assertThat(refusing.judgement().result()).isEqualTo(Judgement.Result.NOT_VULNERABLE);
        PostQuantumPart lost = drive(resets, ALERTS).part();
        assertThat(lost.groups()).extracting(GroupAnswer::byRetry).containsOnly(Answer.UNKNOWN);
        assertThat(lost.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
        assertThat(lost.judgement().reason()).startsWith("no post-quantum group seen, but the answers about"
                + " X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024, X25519Kyber768Draft00 were lost or odd");
        PostQuantumPart silentButOne = drive(h -> h.keyShares().orElseThrow().isEmpty()
                ? noReply(FailureKind.READ_TIMEOUT) : replied(boringSsl(List.of(NamedGroup.X25519_MLKEM768)).apply(h)),
                ALERTS).part();
        assertThat(silentButOne.judgement().result()).as("a group taken by key share settles it")
                .isEqualTo(Judgement.Result.NOT_VULNERABLE);
        assertThat(silentButOne.groups().get(0))
                .isEqualTo(new GroupAnswer(NamedGroup.X25519_MLKEM768, Answer.UNKNOWN, Answer.ACCEPTED,
                        Optional.of(1120)));
    }

    @Test
    void aGroupNamedThatWasNotOfferedIsNeverTaken() {
        PostQuantumPart part = drive(bytes(h -> h.keyShares().orElseThrow().isEmpty()
                ? retryNaming(NamedGroup.X25519) : vector("pq-browser-classic")), ALERTS).part();
        assertThat(part.groups()).extracting(GroupAnswer::byRetry).containsOnly(Answer.UNKNOWN);
        assertThat(part.groups()).extracting(GroupAnswer::byKeyShare).as("x25519 answered to a hybrid share")
                .containsOnly(Answer.UNKNOWN);
        assertThat(part.pqKeyExchange()).isFalse();
        assertThat(part.judgement().result()).isEqualTo(Judgement.Result.INCONCLUSIVE);
    }

    @Test
    void itsPartRoundTripsThroughItsJson() {
        PartJson<PostQuantumPart> json = new PostQuantumCheck().json().orElseThrow();
        List<PostQuantumPart> parts = new ArrayList<>();
        parts.add(drive(bytes(boringSsl(List.of(NamedGroup.X25519_MLKEM768, NamedGroup.X25519))), ALERTS).part());
        parts.add(drive(bytes(h -> vector("pq-openssl30-retry")), ALERTS).part());
        parts.add(PostQuantumPart.notApplicable("TLS 1.3 not accepted (best TLSv1.2): the hybrid groups are TLS 1.3"
                + " only"));
        for (PostQuantumPart p : parts) {
            ObjectNode written = json.write(p);
            assertThat(json.read(written)).isEqualTo(p);
            assertThat(PostQuantumCheck.pqKeyExchange(written)).isEqualTo(p.pqKeyExchange());
            assertThat(Judgement.readFrom(written, "post-quantum")).isEqualTo(p.judgement());
        }
        assertThat(json.write(parts.get(0)).toString()).contains("\"pqKeyExchange\":true",
                "{\"group\":\"X25519MLKEM768\",\"byRetry\":\"accepted\",\"byKeyShare\":\"accepted\","
                        + "\"serverShareBytes\":1120}", "\"preference\":{\"chosen\":\"X25519MLKEM768\","
                        + "\"byRetry\":false}");
        assertThat(json.write(parts.get(1)).path("preference").path("instead").asText())
                .isEqualTo("fatal alert handshake_failure");
        assertThat(json.summary(parts.get(2))).startsWith("not-applicable: TLS 1.3 not accepted");
    }

    @Test
    void aBrokenPartIsRefusedNamingTheField() throws Exception {
        PartJson<PostQuantumPart> json = new PostQuantumCheck().json().orElseThrow();
        ObjectNode good = json.write(drive(bytes(boringSsl(List.of(NamedGroup.X25519_MLKEM768))), ALERTS).part());
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode badAnswer = good.deepCopy();
        ((ObjectNode) badAnswer.path("groups").get(0)).put("byRetry", "maybe");
        assertThatThrownBy(() -> json.read(badAnswer)).hasMessageContaining("'byRetry'");
        ObjectNode badGroup = good.deepCopy();
        ((ObjectNode) badGroup.path("groups").get(0)).put("group", "nonsense");
        assertThatThrownBy(() -> json.read(badGroup)).hasMessageContaining("'group'");
        ObjectNode noGroups = good.deepCopy();
        noGroups.remove("groups");
        assertThatThrownBy(() -> json.read(noGroups)).hasMessageContaining("'groups'");
        assertThatThrownBy(() -> json.read(mapper.createObjectNode())).hasMessageContaining("'result'");
        assertThat(PostQuantumCheck.pqKeyExchange(null)).isFalse();
    }
}
