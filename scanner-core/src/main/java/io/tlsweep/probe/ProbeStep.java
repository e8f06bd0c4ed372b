package io.tlsweep.probe;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One short scripted exchange on one new connection: an optional prelude (what is said before TLS), the
 * hello, then optional follow-up records sent after the decoded reply. {@code id} is unique within a plan;
 * {@code purpose} says why it is sent ("TLSv1.2 suites #3"), for logs and metrics. Most steps are a hello
 * alone on a connection that starts with TLS. A prelude that names ALPN protocols ({@link Prelude#alpn()}: TDS 8.0
 * strict encryption) puts them in the hello in place of any it had, so every connection of such an endpoint offers
 * them, whichever check planned the hello.
 *
 * <p>A step with {@code real} present is held with a real TLS stack instead ({@link RealExchange}): the hello says
 * what that stack offers (versions, suites, SNI) and is never sent as written; follow-ups do not apply to it.
 */
public record ProbeStep(int id, String purpose, Optional<Prelude> prelude, ClientHelloSpec hello,
        List<FollowUp> followUps, Optional<RealExchange> real) {

    public ProbeStep {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(prelude, "prelude");
        Objects.requireNonNull(hello, "hello");
        List<String> alpn = prelude.map(Prelude::alpn).orElse(List.of());
        if (!alpn.isEmpty() && !hello.alpn().equals(alpn)) {
            hello = hello.toBuilder().alpn(alpn).build();
        }
        followUps = List.copyOf(followUps);
        Objects.requireNonNull(real, "real");
        if (real.isPresent() && !followUps.isEmpty()) {
            throw new IllegalArgumentException("a step held with a real TLS stack has no follow-ups");
        }
    }

    /** A scripted exchange: the hello as written, then the follow-ups. */
    public ProbeStep(int id, String purpose, Optional<Prelude> prelude, ClientHelloSpec hello,
            List<FollowUp> followUps) {
        this(id, purpose, prelude, hello, followUps, Optional.empty());
    }

    /** A hello alone, on a connection that starts with TLS. */
    public ProbeStep(int id, String purpose, ClientHelloSpec hello) {
        this(id, purpose, Optional.empty(), hello, List.of());
    }

    /** This step with {@code prelude} said before the hello. */
    public ProbeStep withPrelude(Prelude p) {
        return new ProbeStep(id, purpose, Optional.of(p), hello, followUps, real);
    }

    /** This step with {@code more} follow-ups after the ones it has. */
    public ProbeStep withFollowUps(FollowUp... more) {
        List<FollowUp> all = new ArrayList<>(followUps);
        all.addAll(List.of(more));
        return new ProbeStep(id, purpose, prelude, hello, all, real);
    }

    /** A step held with a real TLS stack offering what {@code hello} offers, doing what {@code exchange} says. */
    public static ProbeStep real(int id, String purpose, ClientHelloSpec hello, RealExchange exchange) {
        return new ProbeStep(id, purpose, Optional.empty(), hello, List.of(), Optional.of(exchange));
    }
}
