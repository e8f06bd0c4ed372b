package io.tlsweep.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.result.FailureKind;
import io.tlsweep.input.Scope;
import io.tlsweep.input.ScopeRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 10: 224.0.0.1 and 255.255.255.255 were connected to and reported as connect-refused. The engine
 * checks every address against the scope before the first connect: nothing out of scope is sent a packet.
 */
class ScanEngineScopeTest {

    @Test
    void multicastBroadcastUnspecifiedAndReservedAddressesAreNeverConnectedTo() throws Exception {
        List<Endpoint> never = List.of(new Endpoint("224.0.0.1", 443), new Endpoint("255.255.255.255", 443),
                new Endpoint("0.0.0.0", 443), new Endpoint("240.0.0.1", 443), new Endpoint("239.255.255.250", 1900),
                new Endpoint("ff02::1", 443), new Endpoint("::", 443), new Endpoint("::ffff:224.0.0.251", 443));
        try (ScanEngine engine = new ScanEngine(Scans.quick().build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, never,
                    e -> new ScriptedPlan(3, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(done.results()).hasSize(never.size());
            for (EngineResult<Endpoint, ScriptedPlan> r : done.results()) {
                assertThat(r.status()).as(r.target().toString()).isEqualTo(EngineResult.Status.EXCLUDED);
                assertThat(r.targetFailure().orElseThrow().kind()).isEqualTo(FailureKind.EXCLUDED);
                assertThat(r.targetFailure().orElseThrow().detail()).startsWith(r.target().host() + ": ")
                        .endsWith(", never connected to");
                assertThat(r.connections()).as(r.target().toString()).isZero();
                assertThat(r.plan().outcomes).isEmpty();
            }
            assertThat(done.stats().connections()).isZero();
            assertThat(detail(done, "224.0.0.1")).contains("a multicast address (224.0.0.0/4)");
            assertThat(detail(done, "255.255.255.255")).contains("the limited broadcast address 255.255.255.255");
            assertThat(detail(done, "0.0.0.0")).contains("0.0.0.0/8");
            assertThat(detail(done, "240.0.0.1")).contains("a reserved address (240.0.0.0/4)");
            assertThat(detail(done, "ff02::1")).contains("a multicast address (ff00::/8)");
            assertThat(detail(done, "::")).contains("the unspecified address ::");
            assertThat(detail(done, "::ffff:224.0.0.251")).contains("224.0.0.0/4");
        }
    }

    @Test
    void aNameIsCheckedOnTheAddressItResolvesTo() throws Exception {
        HostResolver resolver = host -> {
            try {
                return CompletableFuture.completedFuture(InetAddress.getByAddress(host, new byte[] {(byte) 239, 1, 2, 3}));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        try (ScanEngine engine = new ScanEngine(Scans.quick().resolver(resolver).build())) {
            EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine, List.of(new Endpoint("group.tlsweep.test", 443)),
                    e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
            assertThat(r.status()).isEqualTo(EngineResult.Status.EXCLUDED);
            assertThat(r.targetFailure().orElseThrow().detail()).isEqualTo("group.tlsweep.test resolved to 239.1.2.3:"
                    + " a multicast address (224.0.0.0/4), never connected to");
            assertThat(r.address().orElseThrow().getHostAddress()).isEqualTo("239.1.2.3");
            assertThat(r.connections()).isZero();
        }
    }

    /** The malformed literals are ones a laxer reader would take for out-of-scope addresses: never a packet out. */
    @Test
    void literalsAreReadByTheOneParserAndOnlyNamesReachTheResolver() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HostResolver resolver = host -> {
            asked.add(host);
            return CompletableFuture.failedFuture(new UnknownHostException(host + " (test resolver)"));
        };
        List<Endpoint> targets = List.of(new Endpoint("[ff02::1]", 443), new Endpoint("0:0:0:0:0:ffff:e000:fb", 443),
                new Endpoint("224.0.0.01", 443), new Endpoint("ff02::1%eth0", 443), new Endpoint("host.123", 443),
                new Endpoint("nowhere.tlsweep.test", 443));
        try (ScanEngine engine = new ScanEngine(Scans.quick().resolver(resolver).build())) {
            Scans.Done<ScriptedPlan> done = Scans.run(engine, targets,
                    e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE));
            assertThat(asked).containsExactly("nowhere.tlsweep.test");
            assertThat(detail(done, "[ff02::1]"))
                    .isEqualTo("[ff02::1]: a multicast address (ff00::/8), never connected to");
            assertThat(detail(done, "0:0:0:0:0:ffff:e000:fb")).contains("a multicast address (224.0.0.0/4)");
            assertThat(detail(done, "224.0.0.01")).isEqualTo("bad IPv4 address '224.0.0.01': octet '01' has a leading"
                    + " zero (octal or decimal?) (not looked up as a name)");
            assertThat(detail(done, "ff02::1%eth0")).startsWith("IPv6 zone id '%eth0' not supported");
            assertThat(detail(done, "host.123")).startsWith("'host.123' is neither an IPv4 address nor a host name");
            assertThat(detail(done, "nowhere.tlsweep.test")).startsWith("could not resolve nowhere.tlsweep.test");
            for (EngineResult<Endpoint, ScriptedPlan> r : done.results()) {
                boolean excluded = r.target().equals(targets.get(0)) || r.target().equals(targets.get(1));
                assertThat(r.status()).as(r.target().host())
                        .isEqualTo(excluded ? EngineResult.Status.EXCLUDED : EngineResult.Status.DNS_FAILURE);
                assertThat(r.connections()).isZero();
            }
            assertThat(done.stats().connections()).isZero();
        }
    }

    @Test
    void anExcludedListeningServerIsNeverConnectedToAndTheSameServerInScopeIs() throws Exception {
        Scope excluding = new ScopeRules().exclude("127.0.0.0/30", "--exclude").scope();
        try (LoopbackServer server = LoopbackServer.start(LoopbackServer.alert())) {
            try (ScanEngine engine = new ScanEngine(Scans.quick().scope(excluding).build())) {
                EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine, List.of(Scans.loopback(server.port())),
                        e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
                assertThat(r.status()).isEqualTo(EngineResult.Status.EXCLUDED);
                assertThat(r.targetFailure().orElseThrow().detail())
                        .isEqualTo("127.0.0.1: excluded by 127.0.0.0/30 (--exclude)");
                assertThat(r.connections()).isZero();
            }
            assertThat(server.accepted.get()).as("connections the excluded server accepted").isZero();
            try (ScanEngine engine = new ScanEngine(Scans.quick().build())) {
                EngineResult<Endpoint, ScriptedPlan> r = Scans.run(engine, List.of(Scans.loopback(server.port())),
                        e -> new ScriptedPlan(2, ScriptedPlan.Mode.ALL_AT_ONCE)).only();
                assertThat(r.status()).isEqualTo(EngineResult.Status.DONE);
                assertThat(r.connections()).isEqualTo(2);
            }
            assertThat(server.accepted.get()).as("loopback stays in scope by default").isEqualTo(2);
        }
    }

    private static String detail(Scans.Done<ScriptedPlan> done, String host) {
        return done.results().stream().filter(r -> r.target().host().equals(host)).findFirst().orElseThrow()
                .targetFailure().orElseThrow().detail();
    }
}
