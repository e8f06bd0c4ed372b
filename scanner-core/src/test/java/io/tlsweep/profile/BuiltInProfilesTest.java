package io.tlsweep.profile;

import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.ClientHelloSpec;
import io.tlsweep.wire.KeyShareEntry;
import io.tlsweep.wire.NamedGroup;
import io.tlsweep.wire.Weakness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shipped profiles: the clients the issue names, each fact sourced, and the defaults that matter most. */
class BuiltInProfilesTest {
    private static final ProfileCatalog BUILT_IN = ProfileFile.builtIn();

    private static ClientProfile id(String id) {
        return BUILT_IN.byId(id).orElseThrow();
    }

    @Test
    void everyNamedClientIsThere() {
        assertThat(BUILT_IN.profiles()).extracting(ClientProfile::id).containsExactly("win7-schannel",
                "win2012-schannel", "win81-schannel", "win2016-schannel", "win10-schannel", "win11-schannel",
                "win11-24h2-schannel", "win2025-schannel", "winhttp-win7-a0", "winhttp-win7-aa0", "winhttp-win7-a00",
                "dotnet35-win7", "dotnet45-win2012r2", "dotnet45-strongcrypto-win2012r2", "dotnet46-win2012r2",
                "dotnet47-systemdefault-win7", "java6", "java7", "java8", "java11", "java17", "java21", "java25",
                "openssl-1.0.1", "openssl-1.0.2", "openssl-1.1.1", "openssl-3", "openssl-3.5", "chromium", "rdp-win7", "rdp-win7-kb3080079", "rdp-win10", "rdp-win11", "snac11-win7",
                "snac11-tls12-win7", "odbc17-win2016", "odbc18-win2019", "sqlclient-netfx45-win7",
                "sqlclient-netfx46-win2012r2");
    }

    /** Each RDP and SQL Server client, and the Schannel profile of its Windows whose hello it sends. */
    private static final Map<String, String> SERVICE_CLIENTS = Map.of("rdp-win7", "win7-schannel",
            "rdp-win7-kb3080079", "winhttp-win7-aa0", "rdp-win10", "win10-schannel", "rdp-win11", "win11-schannel",
            "snac11-win7", "win7-schannel", "snac11-tls12-win7", "winhttp-win7-aa0", "odbc17-win2016",
            "win2016-schannel", "odbc18-win2019", "win10-schannel", "sqlclient-netfx45-win7", "win7-schannel",
            "sqlclient-netfx46-win2012r2", "dotnet46-win2012r2");

    @Test
    void rdpAndSqlServerClientsApplyOnlyToTheirServiceAndTheOthersToEveryEndpoint() {
        for (ClientProfile p : BUILT_IN.profiles()) {
            String service = p.id().startsWith("rdp-") ? "rdp" : SERVICE_CLIENTS.containsKey(p.id()) ? "mssql" : "";
            if (service.isEmpty()) {
                continue;
            }
            // of the SQL Server clients only ODBC Driver 18 speaks TDS 8.0 strict encryption (Encrypt=strict)
            boolean strict = p.id().equals("odbc18-win2019");
            if (strict) {
                assertThat(p.services().orElseThrow().value()).as(p.id()).containsExactly(service, "mssql-strict");
                assertThat(p.appliesTo("mssql-strict")).as(p.id()).isTrue();
            } else {
                assertThat(p.services().orElseThrow().value()).as(p.id()).containsExactly(service);
            }
            assertThat(p.appliesTo(service)).as(p.id()).isTrue();
            List<String> others = new ArrayList<>(List.of("", "tls", "smtp", "imap", "ldap",
                    service.equals("rdp") ? "mssql" : "rdp"));
            if (!strict) {
                others.add("mssql-strict");
            }
            for (String other : others) {
                assertThat(p.appliesTo(other)).as(p.id() + " on " + other).isFalse();
            }
            assertThat(p.family()).as(p.id()).isEqualTo(ClientFamily.SCHANNEL);
        }
        for (String http : List.of("winhttp-win7-a0", "winhttp-win7-aa0", "winhttp-win7-a00", "chromium")) {
            assertThat(id(http).appliesTo("")).as(http).isTrue();
            assertThat(id(http).appliesTo("tls")).as(http).isTrue();
            for (String prelude : List.of("smtp", "ldap", "rdp", "mssql", "mssql-strict")) {
                assertThat(id(http).appliesTo(prelude)).as(http + " on " + prelude).isFalse();
            }
        }
        for (String stack : List.of("win7-schannel", "dotnet46-win2012r2", "java8", "openssl-3")) {
            for (String endpoint : List.of("", "smtp", "imap", "ldap", "rdp", "mssql", "mssql-strict", "postgres")) {
                assertThat(id(stack).appliesTo(endpoint)).as(stack + " on " + endpoint).isTrue();
            }
        }
    }

    @Test
    void theVersionsOfRdpAndSqlServerClientsComeFromTheirOwnSources() {
        assertThat(id("rdp-win7").versions().value()).containsExactly(TLSv1_0);
        assertThat(id("rdp-win7-kb3080079").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("rdp-win10").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("rdp-win11").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3);
        assertThat(id("snac11-win7").maxVersion()).isEqualTo(TLSv1_0);
        assertThat(id("snac11-tls12-win7").versions().value()).containsExactly(SSLv3, TLSv1_0, TLSv1_2);
        assertThat(id("snac11-tls12-win7").completes(TLSv1_1)).as("TLS 1.1 stays DisabledByDefault").isFalse();
        assertThat(id("odbc17-win2016").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("odbc18-win2019").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("sqlclient-netfx45-win7").maxVersion()).isEqualTo(TLSv1_0);
        assertThat(id("sqlclient-netfx46-win2012r2").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        SERVICE_CLIENTS.keySet().forEach(client -> {
            ClientProfile p = id(client);
            String own = client.startsWith("rdp-") ? "R" : "Q";
            assertThat(p.versions().sources()).as(client).anyMatch(k -> k.startsWith(own));
            assertThat(p.versions().confidence()).as(client).isNotEqualTo(Confidence.L);
            p.citedSources().stream().filter(k -> k.startsWith("R") || k.startsWith("Q")).forEach(k -> assertThat(
                    BUILT_IN.sources().get(k).url()).as(client + " cites " + k).startsWith("https://"));
        });
    }

    /**
     * These clients leave their hello to Schannel: each sends the hello of its Windows' Schannel profile, and every
     * such fact is marked derived (M) or unconfirmed (L), never first-hand.
     */
    @Test
    void theHelloOfAnRdpOrSqlServerClientIsItsWindowsSchannelHelloMarkedDerived() {
        SERVICE_CLIENTS.forEach((client, schannel) -> {
            ClientProfile p = id(client);
            ClientProfile base = id(schannel);
            assertThat(p.cipherSuites().value()).as(client).isEqualTo(base.cipherSuites().value());
            assertThat(p.tls13CipherSuites().value()).as(client).isEqualTo(base.tls13CipherSuites().value());
            assertThat(p.groups().value()).as(client).isEqualTo(base.groups().value());
            assertThat(p.signatureAlgorithms().map(Fact::value)).as(client)
                    .isEqualTo(base.signatureAlgorithms().map(Fact::value));
            assertThat(p.extendedMasterSecret().map(Fact::value)).as(client)
                    .isEqualTo(base.extendedMasterSecret().map(Fact::value));
            p.facts().forEach((field, fact) -> {
                if (!field.equals("versions") && !field.equals("completes") && !field.equals("services")) {
                    assertThat(fact.confidence()).as(client + "." + field).isNotEqualTo(Confidence.H);
                    assertThat(fact.sources()).as(client + "." + field).containsAll(base.facts().get(field).sources());
                }
            });
        });
    }

    @Test
    void everyFactNamesASourceThatIsDescribed() {
        for (ClientProfile p : BUILT_IN.profiles()) {
            p.facts().forEach((field, fact) -> {
                assertThat(fact.sources()).as(p.id() + "." + field).isNotEmpty();
                fact.sources().forEach(key -> assertThat(BUILT_IN.sources().get(key).title())
                        .as(p.id() + "." + field + " cites " + key).isNotBlank());
            });
        }
    }

    @Test
    void windowsDefaultsAreTheDocumentedOnes() {
        assertThat(id("win7-schannel").versions().value()).containsExactly(SSLv3, TLSv1_0);
        assertThat(id("winhttp-win7-a0").versions().value()).containsExactly(SSLv3, TLSv1_0);
        assertThat(id("winhttp-win7-aa0").versions().value()).containsExactly(SSLv3, TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("winhttp-win7-a00").versions().value()).containsExactly(TLSv1_1, TLSv1_2);
        assertThat(id("dotnet47-systemdefault-win7").versions().value()).containsExactly(SSLv3, TLSv1_0);
        assertThat(id("win10-schannel").versions().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
        assertThat(id("win11-schannel").versions().value()).contains(TLSv1_3);
        assertThat(id("win11-schannel").tls13CipherSuites().value()).extracting(CipherSuite::code)
                .containsExactly(0x1302, 0x1301);
        for (String strong : List.of("dotnet45-strongcrypto-win2012r2", "dotnet46-win2012r2")) {
            assertThat(id(strong).versions().value()).as(strong).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2);
            assertThat(id(strong).cipherSuites().value()).as(strong)
                    .noneMatch(s -> s.weaknesses().contains(Weakness.RC4));
        }
        assertThat(id("dotnet45-win2012r2").cipherSuites().value())
                .anyMatch(s -> s.weaknesses().contains(Weakness.RC4));
        assertThat(id("win7-schannel").suitesFor(TLSv1_0)).isEqualTo(id("win7-schannel").cipherSuites().value());
    }

    @Test
    void javaAndOpenSslDefaults() {
        assertThat(id("java7").versions().value()).doesNotContain(TLSv1_2);
        assertThat(id("java17").versions().value()).containsExactly(TLSv1_2, TLSv1_3);
        assertThat(id("java6").sni().value()).isFalse();
        assertThat(id("java6").helloFormat().value()).isEqualTo(HelloFormat.SSLV2);
        assertThat(id("openssl-3").completes().value()).containsExactly(TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3);
        assertThat(id("openssl-3").refusesSignatureOf(TLSv1_0, io.tlsweep.wire.CipherSuite.of(0xC013))).isTrue();
        assertThat(id("openssl-3").refusesSignatureOf(TLSv1_0, io.tlsweep.wire.CipherSuite.of(0x002F))).isFalse();
        assertThat(id("openssl-3").refusesSignatureOf(TLSv1_2, io.tlsweep.wire.CipherSuite.of(0xC013))).isFalse();
    }

    private static final List<String> CURRENT = List.of("win11-24h2-schannel", "win2025-schannel", "java21", "java25",
            "openssl-3.5");

    /**
     * The current clients' facts each cite a described source, the vendor's or a capture kept here, and every
     * fact that is not first-hand (derived M, unconfirmed L) says in its note what it rests on.
     */
    @Test
    void theCurrentClientsFactsCiteTheirSourcesAndSayWhyWhenNotFirstHand() {
        for (String client : CURRENT) {
            ClientProfile p = id(client);
            p.facts().forEach((field, fact) -> {
                fact.sources().forEach(key -> {
                    ProfileSource source = BUILT_IN.sources().get(key);
                    assertThat(source.title()).as(client + "." + field + " cites " + key).isNotBlank();
                    assertThat(source.url().startsWith("https://") || key.startsWith("L-"))
                            .as(client + "." + field + ": " + key + " is a public document or a capture kept here")
                            .isTrue();
                });
                if (fact.confidence() != Confidence.H) {
                    assertThat(fact.note()).as(client + "." + field + " (" + fact.confidence() + ")").isNotBlank();
                }
            });
        }
        assertThat(id("win2025-schannel").versions().sources()).contains("S37", "S41");
        assertThat(id("win2025-schannel").cipherSuites().sources()).containsExactly("S42");
        assertThat(id("win11-24h2-schannel").cipherSuites().confidence()).as("no Windows 11 24H2 suite page")
                .isEqualTo(Confidence.L);
        assertThat(id("java25").citedSources()).contains("L-java25");
        assertThat(id("java21").cipherSuites().sources()).contains("S43", "S44");
        assertThat(id("openssl-3.5").groups().sources()).contains("S45");
    }

    @Test
    void currentClientsDefaults() {
        for (String windows : List.of("win11-24h2-schannel", "win2025-schannel")) {
            ClientProfile p = id(windows);
            assertThat(p.versions().value()).as(windows).containsExactly(TLSv1_2, TLSv1_3);
            assertThat(p.cipherSuites().value()).as(windows + ": no DHE, no 3DES").extracting(CipherSuite::code)
                    .doesNotContain(0x009F, 0x009E, 0x000A).hasSize(18);
        }
        assertThat(id("win11-schannel").versions().value()).contains(TLSv1_0, TLSv1_1);
        for (String java : List.of("java21", "java25")) {
            assertThat(id(java).versions().value()).as(java).containsExactly(TLSv1_2, TLSv1_3);
            assertThat(id(java).cipherSuites().value()).as(java + ": no TLS_RSA_*")
                    .noneMatch(s -> s.ianaName().startsWith("TLS_RSA_"));
        }
        assertThat(id("java17").cipherSuites().value()).anyMatch(s -> s.ianaName().startsWith("TLS_RSA_"));
        ClientProfile openssl35 = id("openssl-3.5");
        assertThat(openssl35.groups().value().get(0)).isEqualTo(NamedGroup.X25519_MLKEM768);
        assertThat(openssl35.keyShares().orElseThrow().value()).containsExactly(NamedGroup.X25519_MLKEM768,
                NamedGroup.X25519);
        assertThat(openssl35.groups().value()).doesNotContain(NamedGroup.byName("ffdhe4096").orElseThrow());
    }

    /** OpenSSL 3.5's hello carries its two real key shares, so a hybrid-first server needs no HelloRetryRequest. */
    @Test
    void theHelloSentForACurrentClientCarriesTheKeySharesItStates() {
        ClientHelloSpec hello = ProfileHello.of(id("openssl-3.5"), Optional.of("client.tlsweep.test"));
        assertThat(hello.keyShares().orElseThrow()).extracting(KeyShareEntry::group)
                .containsExactly(NamedGroup.X25519_MLKEM768, NamedGroup.X25519);
        assertThat(hello.keyShares().orElseThrow()).extracting(e -> e.keyExchange().length).containsExactly(1216, 32);
        assertThat(ProfileHello.deviations(id("openssl-3.5"))).isEmpty();
        assertThat(ProfileHello.of(id("java25"), Optional.empty()).keyShares().orElseThrow())
                .extracting(KeyShareEntry::group).containsExactly(NamedGroup.X25519, NamedGroup.SECP256R1);
        assertThat(ProfileHello.of(id("openssl-3"), Optional.empty()).keyShares().orElseThrow()).hasSize(1);
        assertThat(ProfileHello.deviations(id("openssl-3"))).singleElement().asString()
                .startsWith("TLS 1.3 key share sent for x25519 only");
    }
}
