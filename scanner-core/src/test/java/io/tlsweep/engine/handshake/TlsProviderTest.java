package io.tlsweep.engine.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsProviderTest {

    @Test
    void eachStackIsFoundByItsLabelAndItsOtherNamesIgnoringCaseAndBlanks() {
        assertThat(TlsProvider.parse("boringssl")).contains(TlsProvider.BORINGSSL);
        assertThat(TlsProvider.parse(" OpenSSL ")).contains(TlsProvider.BORINGSSL);
        assertThat(TlsProvider.parse("tcnative")).contains(TlsProvider.BORINGSSL);
        assertThat(TlsProvider.parse("JDK")).contains(TlsProvider.JDK);
        assertThat(TlsProvider.parse("SunJSSE")).contains(TlsProvider.JDK);
        assertThat(TlsProvider.parse("bc")).contains(TlsProvider.BOUNCY_CASTLE);
        assertThat(TlsProvider.parse("BouncyCastle")).contains(TlsProvider.BOUNCY_CASTLE);
        assertThat(TlsProvider.parse("bouncy-castle")).contains(TlsProvider.BOUNCY_CASTLE);
        assertThat(TlsProvider.parse("bctls")).contains(TlsProvider.BOUNCY_CASTLE);
        assertThat(TlsProvider.parse("schannel")).isEmpty();
        assertThat(TlsProvider.parse("")).isEmpty();
    }

    @Test
    void theChoicesListTheLabelsOnly() {
        assertThat(TlsProvider.LABELS.alternatives()).isEqualTo("boringssl, jdk or bc");
    }
}
