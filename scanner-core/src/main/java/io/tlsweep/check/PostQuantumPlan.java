package io.tlsweep.check;

import io.tlsweep.check.PostQuantumPart.Answer;
import io.tlsweep.check.PostQuantumPart.GroupAnswer;
import io.tlsweep.check.PostQuantumPart.Preference;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.HybridKeyShares;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.ProtocolVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The post-quantum check's hellos on an endpoint that accepted TLS 1.3, all TLS 1.3 hellos with the suites it
 * accepted: (a) the hybrid groups in supported_groups with an empty key_share; a HelloRetryRequest names the one
 * the server prefers, which is dropped and the rest offered again until the server turns the hello down (one
 * connection per group named, plus one; none when the scan's own TLS 1.3 group enumeration, which offers them too,
 * ran to its end); (b) each hybrid group alone with its real hybrid share (one each, at
 * once); (c) one hello as current browsers send it: X25519MLKEM768, x25519, secp256r1, secp384r1 with shares for
 * X25519MLKEM768 and x25519. (b) and (c) go out beside the first hello of (a).
 */
final class PostQuantumPlan implements CheckPlan<PostQuantumPart> {
    /** The classic groups of the browser-like hello, after the hybrid one. */
    static final List<NamedGroup> CLASSIC = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1);

    private static final int KEY_SHARE_STEPS = 16;
    private static final int PREFERENCE_STEP = 32;

    private final int base;
    private final List<CipherSuite> suites;
    private final Optional<String> sni;
    private final Optional<Failure> refusal;
    private final List<NamedGroup> pool = new ArrayList<>(PostQuantumCheck.GROUPS);
    private final Map<NamedGroup, Answer> byRetry = new LinkedHashMap<>();
    private final Map<NamedGroup, Answer> byKeyShare = new HashMap<>();
    private final Map<NamedGroup, Integer> shareBytes = new HashMap<>();
    private Preference preference;
    private int retriesSent;
    private boolean retryOut;
    private boolean retriesDone;
    private int connections;

    /**
     * @param suites the TLS 1.3 suites the scan accepted
     * @param refusal how the server turned down a TLS 1.3 hello without a suite it has, when the scan saw it
     * @param scanGroups the TLS 1.3 groups the scan's own enumeration found, in the server's order, when it ran to
     *     the server's refusal with every hybrid group offered (empty key shares, so each hybrid it found was named by
     *     HelloRetryRequest): (a) is then read from it, at no connection; empty: (a) is asked
     */
    PostQuantumPlan(int firstStepId, List<CipherSuite> suites, Optional<String> sni, Optional<Failure> refusal,
            Optional<List<NamedGroup>> scanGroups) {
        this.base = firstStepId;
        this.suites = List.copyOf(suites);
        this.sni = sni;
        this.refusal = refusal;
        scanGroups.ifPresent(named -> {
            named.stream().filter(PostQuantumCheck.GROUPS::contains).forEach(g -> byRetry.put(g, Answer.ACCEPTED));
            PostQuantumCheck.GROUPS.forEach(g -> byRetry.putIfAbsent(g, Answer.REFUSED));
            pool.clear();
            retriesDone = true;
        });
    }

    @Override
    public List<ProbeStep> ready() {
        List<ProbeStep> out = new ArrayList<>();
        if (connections == 0) {
            for (int i = 0; i < PostQuantumCheck.GROUPS.size(); i++) {
                NamedGroup g = PostQuantumCheck.GROUPS.get(i);
                out.add(new ProbeStep(base + KEY_SHARE_STEPS + i, "post-quantum: " + g + " with its key share",
                        hello(List.of(g), List.of(HybridKeyShares.entry(g).orElseThrow()))));
            }
            List<KeyShareEntry> shares = List.of(HybridKeyShares.entry(NamedGroup.X25519_MLKEM768).orElseThrow(),
                    KeyShares.entry(NamedGroup.X25519).orElseThrow());
            List<NamedGroup> groups = new ArrayList<>(List.of(NamedGroup.X25519_MLKEM768));
            groups.addAll(CLASSIC);
            out.add(new ProbeStep(base + PREFERENCE_STEP, "post-quantum: hybrid and classic shares",
                    hello(groups, shares)));
        }
        if (!retriesDone && !retryOut) {
            out.add(0, new ProbeStep(base + retriesSent, "post-quantum: " + pool.size()
                    + " hybrid groups, empty key share", hello(pool, List.of())));
            retriesSent++;
            retryOut = true;
        }
        connections += out.size();
        return out;
    }

    private ClientHelloSpec hello(List<NamedGroup> groups, List<KeyShareEntry> shares) {
        return HelloTemplates.upTo(ProtocolVersion.TLSv1_3, ProtocolVersion.TLSv1_3, suites, sni).toBuilder()
                .supportedGroups(List.copyOf(groups)).keyShares(shares).build();
    }

    @Override
    public void complete(ProbeStep step, ConnectionOutcome outcome) {
        int i = step.id() - base;
        PostQuantumReply reply = PostQuantumReply.read(outcome, refusal);
        if (i >= 0 && i < KEY_SHARE_STEPS) {
            if (i != retriesSent - 1 || !retryOut) {
                throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
            }
            retryOut = false;
            foldRetry(reply);
        } else if (i >= KEY_SHARE_STEPS && i < KEY_SHARE_STEPS + PostQuantumCheck.GROUPS.size()) {
            NamedGroup g = PostQuantumCheck.GROUPS.get(i - KEY_SHARE_STEPS);
            if (byKeyShare.containsKey(g)) {
                throw new IllegalStateException("a second outcome for step " + step.id());
            }
            if (reply instanceof PostQuantumReply.Chose c && c.group().equals(g) && !c.byRetry()) {
                byKeyShare.put(g, Answer.ACCEPTED);
                c.shareBytes().ifPresent(n -> shareBytes.put(g, n));
            } else {
                byKeyShare.put(g, reply instanceof PostQuantumReply.Refused ? Answer.REFUSED : Answer.UNKNOWN);
            }
        } else if (i == PREFERENCE_STEP && preference == null) {
            preference = preference(reply);
        } else {
            throw new IllegalStateException("outcome for a step this plan did not hand out: " + step.id());
        }
    }

    private void foldRetry(PostQuantumReply reply) {
        if (reply instanceof PostQuantumReply.Chose c && c.byRetry() && pool.remove(c.group())) {
            byRetry.put(c.group(), Answer.ACCEPTED);
            retriesDone = pool.isEmpty();
            return;
        }
        Answer rest = reply instanceof PostQuantumReply.Refused ? Answer.REFUSED : Answer.UNKNOWN;
        pool.forEach(g -> byRetry.put(g, rest));
        pool.clear();
        retriesDone = true;
    }

    private static Preference preference(PostQuantumReply reply) {
        if (reply instanceof PostQuantumReply.Chose c) {
            boolean offered = c.group().equals(NamedGroup.X25519_MLKEM768) || CLASSIC.contains(c.group());
            return offered ? Preference.of(c.group(), c.byRetry())
                    : Preference.none("it chose " + c.group() + ", which was not offered");
        }
        return Preference.none(reply instanceof PostQuantumReply.Refused r ? r.how()
                : ((PostQuantumReply.Unsettled) reply).what());
    }

    @Override
    public boolean done() {
        return retriesDone && !retryOut && preference != null
                && byKeyShare.size() == PostQuantumCheck.GROUPS.size();
    }

    @Override
    public Optional<PostQuantumPart> part() {
        if (!done()) {
            return Optional.empty();
        }
        List<GroupAnswer> answers = new ArrayList<>();
        byRetry.forEach((g, a) -> {
            if (a == Answer.ACCEPTED) {
                answers.add(answer(g));
            }
        });
        PostQuantumCheck.GROUPS.stream().filter(g -> byRetry.get(g) != Answer.ACCEPTED)
                .forEach(g -> answers.add(answer(g)));
        return Optional.of(PostQuantumPart.of(answers, Optional.of(preference)));
    }

    private GroupAnswer answer(NamedGroup g) {
        return new GroupAnswer(g, byRetry.get(g), byKeyShare.get(g), Optional.ofNullable(shareBytes.get(g)));
    }

    @Override
    public int connections() {
        return connections;
    }
}
