package io.tlsweep.profile;

import static io.tlsweep.wire.ProtocolVersion.SSLv3;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_0;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_1;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_2;
import static io.tlsweep.wire.ProtocolVersion.TLSv1_3;
import static org.assertj.core.api.Assertions.assertThat;

import io.tlsweep.wire.CipherSuite;
import io.tlsweep.wire.Weakness;
import java.util.List;
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
                "winhttp-win7-a0", "winhttp-win7-aa0", "winhttp-win7-a00", "dotnet35-win7", "dotnet45-win2012r2",
                "dotnet45-strongcrypto-win2012r2", "dotnet46-win2012r2", "dotnet47-systemdefault-win7", "java6",
                "java7", "java8", "java11", "java17", "openssl-1.0.1", "openssl-1.0.2", "openssl-1.1.1", "openssl-3",
                "chromium");
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
}
