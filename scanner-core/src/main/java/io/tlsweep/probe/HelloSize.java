package io.tlsweep.probe;

import io.tlsweep.result.Failure;
import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloEncoder;
import io.tlsweep.wire.ClientHelloSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How large a suite offer one endpoint takes. A version's first offer carries every candidate suite; an endpoint
 * that shows size intolerance — a large hello turned down with {@code decode_error}, {@code illegal_parameter} or
 * {@code record_overflow}, or reset, closed or left unanswered, while a smaller hello starting with the same
 * suites is answered — gets offers no larger than the smaller hello's step for the rest of its scan, in every
 * version. The steps: every candidate; at most 128 suites in a handshake message of at most 512 bytes; at most
 * 64 suites. A failure the smallest step gets too is the server's own answer: it is not blamed on size again on
 * that endpoint.
 */
final class HelloSize {
    /** One step: the most suites, and the most bytes of the ClientHello handshake message (header included). */
    record Step(int suites, int bytes) {
        @Override
        public String toString() {
            return suites == Integer.MAX_VALUE ? "every candidate" : "at most " + suites + " suites in " + bytes
                    + " bytes";
        }
    }

    static final List<Step> STEPS = List.of(new Step(Integer.MAX_VALUE, Integer.MAX_VALUE), new Step(128, 512),
            new Step(64, 512));

    private int step;
    private final Set<String> notSize = new HashSet<>();
    private ClientHelloSpec largestAnswered;

    /** The step every offer to this endpoint fits now. */
    int step() {
        return step;
    }

    /** Offers from now on fit {@code lower} (never raised again). */
    void lowerTo(int lower) {
        step = Math.max(step, lower);
    }

    /** The endpoint answered {@code hello} (accepted or refused it by its own answer). */
    void answered(ClientHelloSpec hello) {
        if (largestAnswered == null || hello.cipherSuites().size() > largestAnswered.cipherSuites().size()) {
            largestAnswered = hello;
        }
    }

    /** Whether the endpoint answered a hello with at least as many suites and bytes as {@code hello}. */
    boolean answeredAtLeast(ClientHelloSpec hello) {
        return largestAnswered != null && largestAnswered.cipherSuites().size() >= hello.cipherSuites().size()
                && bytes(largestAnswered) >= bytes(hello);
    }

    /**
     * Whether {@code f}, the answer to {@code hello}, may be a size intolerance's: one of the alerts servers with
     * a size bug send, or a reset, a close or a silence; unless the smallest step got it too on this endpoint, or
     * the endpoint answered a hello at least as large.
     */
    boolean mayBlame(Failure f, ClientHelloSpec hello) {
        return suspect(f) && !notSize.contains(signature(f)) && !answeredAtLeast(hello);
    }

    /** The smallest hello got {@code f} too: on this endpoint it is an answer, never a size problem. */
    void exonerate(Failure f) {
        notSize.add(signature(f));
    }

    static boolean suspect(Failure f) {
        return switch (f.kind()) {
            case RESET_BEFORE_REPLY, CLOSED_BEFORE_REPLY, READ_TIMEOUT -> true;
            case ALERT -> f.alert().map(a -> a.code() == 50 || a.code() == 47 || a.code() == 22).orElse(false);
            default -> false;
        };
    }

    private static String signature(Failure f) {
        return f.kind() + f.alert().map(a -> " " + a.code()).orElse("");
    }

    /**
     * The hello {@code build} makes of the first suites of {@code offer} that fit step {@code s}; suites are cut from
     * the end (each takes two bytes), never below one.
     */
    static ClientHelloSpec fit(int s, List<CipherSuite> offer, Function<List<CipherSuite>, ClientHelloSpec> build) {
        Step limit = STEPS.get(s);
        List<CipherSuite> suites = offer.subList(0, Math.min(offer.size(), limit.suites()));
        ClientHelloSpec hello = build.apply(suites);
        if (limit.bytes() == Integer.MAX_VALUE) {
            return hello;
        }
        int over = bytes(hello) - limit.bytes();
        if (over <= 0) {
            return hello;
        }
        int keep = Math.max(1, suites.size() - (over + 1) / 2);
        return build.apply(suites.subList(0, keep));
    }

    /**
     * The next step below {@code from} at which {@code hello} (built by {@code build} from {@code offer}) would
     * carry fewer suites, or empty when there is none.
     */
    static Optional<Integer> below(int from, ClientHelloSpec hello, List<CipherSuite> offer,
            Function<List<CipherSuite>, ClientHelloSpec> build) {
        for (int s = from + 1; s < STEPS.size(); s++) {
            if (fit(s, offer, build).cipherSuites().size() < hello.cipherSuites().size()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The length of the ClientHello handshake message, its 4-byte header included. */
    static int bytes(ClientHelloSpec hello) {
        return ClientHelloEncoder.encodeHandshake(hello).length;
    }
}
