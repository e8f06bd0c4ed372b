package io.tlsweep.engine;

import io.tlsweep.prelude.PreludeRun;
import io.tlsweep.prelude.PreludeStep;
import io.tlsweep.prelude.TlsFraming;
import io.tlsweep.probe.ProbeStep;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.Failure;
import io.tlsweep.result.FailureKind;
import io.tlsweep.result.PreludeFacts;
import io.tlsweep.result.Timings;
import io.tlsweep.wire.EncryptedFlight;
import io.tlsweep.wire.KeyShares;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import io.tlsweep.wire.tls13.FlightKeys;
import io.tlsweep.wire.tls13.FlightReader;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One step's conversation, without the connection: the prelude (if any), the hello, the reply, the follow-ups
 * ({@link FollowUpReader}). It is told what the connection saw (connected, bytes, closed, reset, the deadline)
 * and says what to write and whether it is over; {@link HelloExchange} does the I/O. Pure and single-threaded.
 *
 * <p>A step without a prelude writes its hello at once and decodes the reply exactly as bytes arrive, kept up to
 * {@code maxBytes}; with a prelude, the codec goes first (a fresh read deadline each time it writes), and the
 * hello, the reply and the follow-ups go through the framing it chose. A prelude that is a question ends the
 * conversation where TLS may start, before the hello.
 *
 * <p>A TLS 1.3 ServerHello is not the end of the reply: with the private key of the hello's own share
 * ({@link KeyShares}) the rest of the server's first flight is read and decrypted to its Finished
 * ({@link FlightReader}), within the same deadline and {@code maxBytes}; a flight cut short (closed, deadline,
 * byte cap, a bad record) is read as far as it goes and said so in the reply, never a failure of the step.
 */
final class Conversation {
    /** What to do now: write {@code write} (possibly nothing), start a new read deadline, close when over. */
    record Next(byte[] write, boolean freshDeadline, boolean over) {
        static final Next READ_ON = new Next(new byte[0], false, false);
        static final Next OVER = new Next(new byte[0], false, true);
    }

    private enum Phase { PRELUDE, REPLY, FOLLOW_UPS, OVER }

    private static final byte[] NOTHING = new byte[0];

    private final ProbeStep step;
    private final byte[] hello;
    private final int maxBytes;
    private final long readTimeoutMillis;
    private final long preludeTimeoutMillis;
    private final Supplier<String> peer;
    private final FlightReader.PrivateKeys keys;
    private Phase phase = Phase.REPLY; // until connected: an ending then is one before any reply
    private PreludeRun preludeRun;
    private Optional<PreludeFacts> facts = Optional.empty();
    private TlsFraming framing;
    private byte[] received = NOTHING;
    private int length;
    private int decodeAt = 1;
    private FollowUpReader followUps;
    private ConnectionOutcome.NoReply failed;
    private ConnectionOutcome.PreludeAnswered answered;
    private ServerResponse reply;
    private ServerHello tls13Hello;
    private FlightKeys flightKeys;

    /**
     * @param hello the step's hello, encoded
     * @param maxBytes TLS bytes kept (the reply and the follow-up answers together); also the most a prelude may read
     * @param readTimeoutMillis the time allowed for each TLS answer (the reply, each follow-up's answer)
     * @param preludeTimeoutMillis the time allowed for each answer of the prelude
     * @param peer "host:port", for details (made only when a detail needs it)
     */
    Conversation(ProbeStep step, byte[] hello, int maxBytes, long readTimeoutMillis, long preludeTimeoutMillis,
            Supplier<String> peer) {
        this(step, hello, maxBytes, readTimeoutMillis, preludeTimeoutMillis, peer, KeyShares::privateKey);
    }

    /** @param keys the private keys of the hello's key shares (the scanner's: {@link KeyShares}) */
    Conversation(ProbeStep step, byte[] hello, int maxBytes, long readTimeoutMillis, long preludeTimeoutMillis,
            Supplier<String> peer, FlightReader.PrivateKeys keys) {
        this.keys = keys;
        this.step = step;
        this.hello = hello;
        this.maxBytes = maxBytes;
        this.readTimeoutMillis = readTimeoutMillis;
        this.preludeTimeoutMillis = preludeTimeoutMillis;
        this.peer = peer;
    }

    /** How long the answer awaited now may take: the prelude's timeout while in it, the read timeout after. */
    long deadlineMillis() {
        return phase == Phase.PRELUDE ? preludeTimeoutMillis : readTimeoutMillis;
    }

    /** The connection is up. */
    Next connected() {
        if (step.prelude().isEmpty()) {
            return new Next(hello, true, false);
        }
        phase = Phase.PRELUDE;
        preludeRun = new PreludeRun(step.prelude().get(), maxBytes);
        Next first = prelude(preludeRun.start());
        return new Next(first.write(), true, first.over()); // the first answer is awaited from the connect on
    }

    /** Bytes from the server. */
    Next received(byte[] bytes) {
        return switch (phase) {
            case PRELUDE -> preludeBytes(bytes);
            case REPLY, FOLLOW_UPS -> tlsBytes(bytes, NOTHING, false);
            case OVER -> Next.OVER;
        };
    }

    /** Whether any TLS byte came back yet (for the first-reply time). */
    boolean tlsBytesReceived() {
        return length > 0;
    }

    private Next preludeBytes(byte[] bytes) {
        return prelude(preludeRun.received(bytes));
    }

    /** Acts on what the prelude said. */
    private Next prelude(PreludeStep s) {
        if (s instanceof PreludeStep.GoOn goOn) {
            byte[] write = goOn.send();
            return new Next(write, write.length > 0, false);
        }
        if (s instanceof PreludeStep.Failed f) {
            facts = f.facts();
            return fail(new ConnectionOutcome.NoReply(f.facts(), f.failure(), Timings.NONE));
        }
        PreludeStep.TlsMayStart start = (PreludeStep.TlsMayStart) s;
        facts = Optional.of(start.facts());
        if (step.prelude().get().question()) {
            answered = new ConnectionOutcome.PreludeAnswered(start.facts(), Timings.NONE);
            phase = Phase.OVER;
            return Next.OVER;
        }
        framing = start.framing();
        phase = Phase.REPLY;
        return tlsBytes(preludeRun.leftover(), concat(start.send(), framing.wrap(hello)), true);
    }

    /** TLS bytes as they came off the wire (framed, when the prelude chose a framing). */
    private Next tlsBytes(byte[] wire, byte[] write, boolean freshDeadline) {
        byte[] tls = wire;
        if (framing != null && wire.length > 0) {
            TlsFraming.Unwrapped u = framing.unwrap(wire, 0, wire.length);
            if (u instanceof TlsFraming.Unwrapped.Broken broken) {
                return brokenFraming(broken.reason(), write);
            }
            tls = ((TlsFraming.Unwrapped.Bytes) u).tls();
        }
        append(tls);
        Next next = phase == Phase.REPLY ? decode() : followUps.read(received, length, maxBytes);
        if (next.over()) {
            phase = Phase.OVER;
        }
        return new Next(concat(write, next.write()), freshDeadline || next.freshDeadline(), next.over());
    }

    private void append(byte[] tls) {
        int n = Math.min(tls.length, maxBytes - length);
        if (length + n > received.length) {
            int size = Math.max(Math.max(1024, received.length * 2), length + n);
            received = Arrays.copyOf(received, Math.min(size, maxBytes));
        }
        System.arraycopy(tls, 0, received, length, n);
        length += n;
    }

    private Next decode() {
        if (length < decodeAt && length < maxBytes) {
            return Next.READ_ON;
        }
        if (flightKeys != null) {
            return readFlight(length >= maxBytes);
        }
        ServerResponseDecoder.Decoding d = ServerResponseDecoder.decode(received, 0, length);
        if (d instanceof ServerResponseDecoder.Decoding.Done done) {
            if (done.response() instanceof ServerHello sh && sh.version().equals(ProtocolVersion.TLSv1_3)) {
                return openFlight(sh, done.consumed());
            }
            return replied(done.response(), done.consumed());
        }
        if (length >= maxBytes) {
            return replied(ServerResponseDecoder.finish(received, 0, length), length);
        }
        decodeAt = length + ((ServerResponseDecoder.Decoding.NeedMore) d).bytesNeeded();
        return Next.READ_ON;
    }

    /** A TLS 1.3 ServerHello came: derive the keys of its flight and read on, or reply now if it cannot be read. */
    private Next openFlight(ServerHello sh, int helloEnd) {
        FlightReader.Opening opening = FlightReader.open(hello, received, 0, length, keys);
        if (opening instanceof FlightReader.Opening.Unreadable u) {
            return replied(sh.withEncryptedFlight(java.util.List.of(), EncryptedFlight.unread(u.problem())), helloEnd);
        }
        tls13Hello = sh;
        flightKeys = ((FlightReader.Opening.Opened) opening).keys();
        return readFlight(length >= maxBytes);
    }

    /** Reads the TLS 1.3 flight received so far; replies once it is read (or, {@code atEnd}, as far as it goes). */
    private Next readFlight(boolean atEnd) {
        FlightReader.Reading r = FlightReader.read(flightKeys, received, 0, length, atEnd);
        if (r instanceof FlightReader.Reading.NeedMore more) {
            decodeAt = length + more.bytesNeeded();
            return Next.READ_ON;
        }
        FlightReader.Reading.Read read = (FlightReader.Reading.Read) r;
        return replied(tls13Hello.withEncryptedFlight(read.certificates(), read.flight()), read.consumed());
    }

    /** The reply from the bytes so far, once no more will come for it. */
    private ServerResponse finalReply() {
        if (flightKeys != null) {
            FlightReader.Reading.Read read = (FlightReader.Reading.Read) FlightReader.read(flightKeys, received, 0,
                    length, true);
            return tls13Hello.withEncryptedFlight(read.certificates(), read.flight());
        }
        return ServerResponseDecoder.finish(received, 0, length);
    }

    /** The reply is decided: the follow-ups start, or the conversation is over. */
    private Next replied(ServerResponse response, int end) {
        reply = response;
        if (step.followUps().isEmpty()) {
            return Next.OVER;
        }
        phase = Phase.FOLLOW_UPS;
        followUps = new FollowUpReader(step.followUps(), response, end, framing);
        return followUps.read(received, length, maxBytes);
    }

    private Next brokenFraming(String reason, byte[] write) {
        if (phase == Phase.FOLLOW_UPS) {
            followUps.end(FailureKind.MALFORMED_REPLY, "the " + framing + " framing broke: " + reason);
        } else if (length == 0) {
            reply = new ServerResponse.Malformed("the " + framing + " framing broke: " + reason, 0);
        } else {
            reply = finalReply();
        }
        phase = Phase.OVER;
        return new Next(write, false, true);
    }

    private Next fail(ConnectionOutcome.NoReply noReply) {
        failed = noReply;
        phase = Phase.OVER;
        return Next.OVER;
    }

    /** The connection was closed by the server. */
    void closed() {
        String what = "connection closed by " + peer.get();
        ending(FailureKind.CLOSED_BEFORE_REPLY, what + " before any reply", what + " during the " + protocol()
                + " prelude", what);
    }

    /** The connection was reset (or another I/O error ended it). */
    void reset(String message) {
        String what = "connection reset by " + peer.get();
        String why = " (" + message + ")";
        ending(FailureKind.RESET_BEFORE_REPLY, what + " before any reply" + why, what + " during the " + protocol()
                + " prelude" + why, what + why);
    }

    /** Something not of the network's making ended the connection. */
    void broke(String cause) {
        String what = "unexpected " + cause;
        ending(FailureKind.INTERNAL_ERROR, what, what, what);
    }

    /**
     * The read deadline passed: in the prelude, the prelude timed out ({@link FailureKind#PRELUDE_TIMEOUT}, with
     * what it learned so far); in the reply, what came so far is the reply; otherwise no reply.
     */
    void deadline() {
        if (phase == Phase.REPLY && length > 0) {
            ServerResponse partial = finalReply();
            if (partial instanceof ServerResponse.Malformed m) {
                // a server still sending when the deadline hit is slow, not malformed
                fail(noReply(FailureKind.READ_TIMEOUT, "answer incomplete after " + readTimeoutMillis + " ms: "
                        + length + " byte(s) received (" + m.reason() + ")"));
            } else {
                reply = partial;
                phase = Phase.OVER;
            }
            return;
        }
        String within = " within " + deadlineMillis() + " ms";
        if (phase == Phase.PRELUDE) {
            // a service silent in its prelude will not start TLS: the prelude's own failure, with what it said
            fail(new ConnectionOutcome.NoReply(preludeRun.factsSoFar(), Failure.of(FailureKind.PRELUDE_TIMEOUT,
                    "no answer in the " + protocol() + " prelude" + within), Timings.NONE));
            return;
        }
        ending(FailureKind.READ_TIMEOUT, "no reply" + within, "(the prelude's deadline is its own, above)",
                "no whole answer" + within);
    }

    /** Ends the conversation at once, as unanswered (the target is over). */
    void abort(String why) {
        if (phase != Phase.OVER) {
            fail(noReply(FailureKind.READ_TIMEOUT, "closed unanswered: " + why));
        }
    }

    /**
     * The connection ended before the conversation did: in the prelude, a failure naming it; in the reply, the
     * reply the bytes so far make, or a failure when there are none; in the follow-ups, the current answer cut
     * short (the reply stands).
     */
    private void ending(FailureKind kind, String inReply, String inPrelude, String inFollowUps) {
        switch (phase) {
            case PRELUDE -> fail(new ConnectionOutcome.NoReply(preludeRun.factsSoFar(), Failure.of(kind, inPrelude),
                    Timings.NONE));
            case REPLY -> {
                if (length > 0) {
                    reply = finalReply();
                    phase = Phase.OVER;
                } else {
                    fail(noReply(kind, inReply));
                }
            }
            case FOLLOW_UPS -> {
                followUps.end(kind, inFollowUps);
                phase = Phase.OVER;
            }
            case OVER -> {
                // already decided
            }
        }
    }

    private ConnectionOutcome.NoReply noReply(FailureKind kind, String detail) {
        return new ConnectionOutcome.NoReply(facts, Failure.of(kind, detail), Timings.NONE);
    }

    /** The outcome, once over, with the connection's timings. */
    ConnectionOutcome outcome(Timings timings) {
        if (failed != null) {
            return new ConnectionOutcome.NoReply(failed.prelude(), failed.failure(), timings);
        }
        if (answered != null) {
            return new ConnectionOutcome.PreludeAnswered(answered.facts(), timings);
        }
        return new ConnectionOutcome.Replied(facts, reply, followUps == null ? java.util.List.of()
                : followUps.answers(), timings);
    }

    /** The prelude's protocol, for details of the prelude phase. */
    private String protocol() {
        return preludeRun == null ? "" : preludeRun.protocol();
    }

    static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        if (a.length == 0) {
            return b;
        }
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
