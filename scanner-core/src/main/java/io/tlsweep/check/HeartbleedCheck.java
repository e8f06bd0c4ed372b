package io.tlsweep.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tlsweep.probe.CheckPlan;
import io.tlsweep.probe.HelloTemplates;
import io.tlsweep.probe.PlanContext;
import io.tlsweep.result.ConnectionOutcome;
import io.tlsweep.result.FindingKind;
import io.tlsweep.result.FollowUpAnswer;
import io.tlsweep.result.PartKey;
import io.tlsweep.result.ProtocolSupport;
import io.tlsweep.result.Severity;
import io.tlsweep.wire.Extension;
import io.tlsweep.wire.ExtensionType;
import io.tlsweep.wire.ProtocolVersion;
import io.tlsweep.wire.ServerHello;
import io.tlsweep.wire.TlsRecord;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Heartbleed (CVE-2014-0160): whether the server copies its memory into a heartbeat response. One connection: a
 * hello in the newest version up to TLS 1.2 the scan accepted, with its suites and the heartbeat extension (RFC
 * 6520, peer_allowed_to_send), then, after the whole first flight, the {@link OverlongHeartbeat} request.
 *
 * <p>A heartbeat response longer than the request is the flaw (only its size is kept). An alert, a close, a reset
 * or silence after the request is no flaw; the reason says which. The request is sent even when the ServerHello
 * has no heartbeat extension: the vulnerable OpenSSL builds answered heartbeats whether or not the extension was
 * negotiated, and a server that did not negotiate it drops the record or refuses it with an alert, so sending
 * costs nothing and closes that gap; the reason then names the missing extension.
 */
public final class HeartbleedCheck implements Check<HeartbleedCheck.Part> {
    static final PartKey<Part> KEY = new PartKey<>("heartbleed", Part.class);
    static final FindingKind HEARTBLEED = FindingKind.of("heartbleed", "Heartbleed (CVE-2014-0160): the server"
            + " answers an overlong heartbeat request with its own memory", Severity.CRITICAL);
    private static final byte PEER_ALLOWED_TO_SEND = 1;

    /**
     * What the check found.
     *
     * @param version the version of the ServerHello, when one came
     * @param heartbeatExtension whether that ServerHello carried the heartbeat extension, when one came
     * @param responseBytes the bytes of the heartbeat records that answered the request, when any came
     */
    public record Part(Judgement judgement, Optional<ProtocolVersion> version, Optional<Boolean> heartbeatExtension,
            Optional<Integer> responseBytes) implements Judged {
    }

    @Override
    public PartKey<Part> key() {
        return KEY;
    }

    @Override
    public String about() {
        return "one overlong heartbeat request after the ServerHelloDone (never keeps the bytes): 1 connection";
    }

    @Override
    public Optional<? extends CheckPlan<Part>> plan(PlanContext context) {
        if (!AfterReply.anyAccepted(context)) {
            return Optional.empty();
        }
        Optional<ProtocolSupport> newest = AfterReply.newestUpToTls12(context);
        if (newest.isEmpty()) {
            return Optional.of(new Settled<>(new Part(Judgement.notApplicable("no version up to TLS 1.2"
                    + " accepted: the flawed OpenSSL builds (1.0.1 to 1.0.1f) speak none newer"), Optional.empty(),
                    Optional.empty(), Optional.empty())));
        }
        ProtocolVersion v = newest.get().version();
        return Optional.of(OneExchange.of(context, "heartbleed: overlong heartbeat in " + v.displayName(),
                HelloTemplates.upTo(v, v, newest.get().cipherSuites(), context.sni()).toBuilder()
                        .extraExtensions(List.of(Extension.of(ExtensionType.HEARTBEAT.code(),
                                new byte[] {PEER_ALLOWED_TO_SEND})))
                        .build(),
                List.of(new OverlongHeartbeat()), HeartbleedCheck::judge));
    }

    /** The judgement of one exchange. Pure. */
    static Part judge(ConnectionOutcome outcome) {
        Optional<String> noFlight = AfterReply.noFlight(outcome);
        if (noFlight.isPresent()) {
            Optional<ProtocolVersion> v = outcome instanceof ConnectionOutcome.Replied r
                    && r.response() instanceof ServerHello sh ? Optional.of(sh.version()) : Optional.empty();
            return new Part(Judgement.inconclusive(noFlight.get() + ": the heartbeat request was not sent"), v,
                    Optional.empty(), Optional.empty());
        }
        ConnectionOutcome.Replied replied = (ConnectionOutcome.Replied) outcome;
        ServerHello sh = (ServerHello) replied.response();
        boolean extension = sh.extension(ExtensionType.HEARTBEAT).isPresent();
        String without = extension ? "" : " (no heartbeat extension in the ServerHello)";
        Optional<ProtocolVersion> version = Optional.of(sh.version());
        if (replied.followUps().isEmpty()) {
            return new Part(Judgement.inconclusive("the heartbeat request was not sent"), version,
                    Optional.of(extension), Optional.empty());
        }
        FollowUpAnswer answer = replied.followUps().get(0);
        List<TlsRecord> records = answer.records();
        int bytes = OverlongHeartbeat.bytes(records);
        Optional<Integer> received = bytes > 0 ? Optional.of(bytes) : Optional.empty();
        String request = "the heartbeat request (" + OverlongHeartbeat.SENT + " bytes claiming a payload of "
                + count(OverlongHeartbeat.CLAIMED) + ")";
        Judgement j;
        if (bytes > OverlongHeartbeat.SENT) {
            j = Judgement.vulnerable("heartbeat answered with " + count(bytes) + " bytes for "
                    + OverlongHeartbeat.SENT + " sent: the server read past the request" + without);
        } else if (AfterReply.ourFault(answer)) {
            j = Judgement.inconclusive("reading the answer to " + request + " failed: " + answer.ended().get());
        } else if (!records.isEmpty()) {
            TlsRecord first = records.get(0);
            j = AfterReply.alert(first).map(a -> Judgement.notVulnerable(request + " got a " + a + " alert"
                    + without)).orElseGet(() -> bytes > 0
                    ? Judgement.notVulnerable("heartbeat answered with " + bytes + " bytes, no more than sent"
                            + without)
                    : Judgement.inconclusive(request + " got a " + TlsRecord.contentTypeName(first.contentType())
                            + " record instead of a heartbeat response or an alert" + without));
        } else {
            j = Judgement.notVulnerable("the server " + answer.ended().map(AfterReply::ending).orElse("said nothing")
                    + " after " + request + without);
        }
        return new Part(j, version, Optional.of(extension), received);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public List<FindingKind> kinds() {
        return List.of(HEARTBLEED);
    }


    @Override
    public Optional<PartJson<Part>> json() {
        return Optional.of(new PartJson<>() {
            @Override
            public ObjectNode write(Part part) {
                ObjectNode json = JsonNodeFactory.instance.objectNode();
                part.judgement().writeTo(json);
                part.version().ifPresent(v -> json.put("version", v.displayName()));
                part.heartbeatExtension().ifPresent(e -> json.put("heartbeat-extension", e));
                part.responseBytes().ifPresent(n -> json.put("response-bytes", n));
                return json;
            }

            @Override
            public Part read(JsonNode json) {
                JsonNode extension = json.path("heartbeat-extension");
                JsonNode bytes = json.path("response-bytes");
                if (!extension.isMissingNode() && !extension.isBoolean()
                        || !bytes.isMissingNode() && !bytes.canConvertToInt()) {
                    throw new IllegalArgumentException(KEY.id() + ": 'heartbeat-extension' is true or false,"
                            + " 'response-bytes' a count");
                }
                return new Part(Judgement.readFrom(json, KEY.id()), PartFields.version(json, "version", KEY.id()),
                        extension.isMissingNode() ? Optional.empty() : Optional.of(extension.booleanValue()),
                        bytes.isMissingNode() ? Optional.empty() : Optional.of(bytes.intValue()));
            }

            @Override
            public String summary(Part part) {
                return part.judgement().toString();
            }
        });
    }
}
