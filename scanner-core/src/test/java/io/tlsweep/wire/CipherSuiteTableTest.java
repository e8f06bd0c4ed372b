package io.tlsweep.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loader must refuse a table it cannot fully understand, naming the line. */
class CipherSuiteTableTest {
    private static final String HEADER = "code,iana_name,openssl_name,openssl_min_protocol,kx,auth,enc,enc_bits,mac,export\n";
    private static final String GOOD = "0xC02F,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,ECDHE-RSA-AES128-GCM-SHA256,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD,N\n";

    private static List<CipherSuite> parse(String text) throws IOException {
        return CipherSuiteTable.parse(new StringReader(text), "test.csv");
    }

    @Test
    void parsesAGoodTable() throws IOException {
        List<CipherSuite> suites = parse(HEADER + GOOD
                + "0x0003,TLS_RSA_EXPORT_WITH_RC4_40_MD5,EXP-RC4-MD5,SSLv3,RSA(512),RSA,RC4,40,MD5,Y\n");
        assertEquals(2, suites.size());
        assertEquals(512, suites.get(1).keyExchangeLimitBits());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD",             // 9 columns
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD,N,extra",     // 11 columns
        "C02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD,N",              // code without 0x
        "0x1C02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD,N",           // code too wide
        "0xC02F,TLS_X,X,TLSv1.4,ECDH,RSA,AESGCM,128,AEAD,N",            // unknown version
        "0xC02F,TLS_X,X,TLSv1.2,ECDHX,RSA,AESGCM,128,AEAD,N",           // unknown kx
        "0xC02F,TLS_X,X,TLSv1.2,RSA(abc),RSA,AESGCM,128,AEAD,N",        // bad export limit
        "0xC02F,TLS_X,X,TLSv1.2,RSA(512,RSA,AESGCM,128,AEAD,N",         // unclosed limit
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSB,AESGCM,128,AEAD,N",            // unknown auth
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESXTS,128,AEAD,N",            // unknown enc
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,,AEAD,N",               // bits missing
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,0,AEAD,N",              // bits zero
        "0x0002,TLS_X,X,SSLv3,RSA,RSA,None,56,SHA1,N",                  // bits for NULL
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,SHA3,N",            // unknown mac
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,SHA256,N",          // GCM without AEAD
        "0x002F,TLS_X,X,SSLv3,RSA,RSA,AES,128,AEAD,N",                  // CBC claiming AEAD
        "0xC02F,TLS_X,X,TLSv1.2,ECDH,RSA,AESGCM,128,AEAD,yes",          // bad export flag
        "0xFF02,-,,TLSv1,RSA,RSA,GOST,256,GOST89IMIT,N",                // no name at all
        "0xFFE0,SSL_SOMETHING_ELSE,,SSLv3,RSA,RSA,3DES,168,SHA1,N",     // correction no longer fits
    })
    void aBadRowFailsTheLoadWithItsLine(String badRow) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(HEADER + GOOD + badRow + "\n"));
        assertTrue(e.getMessage().startsWith("test.csv line 3 "), e.getMessage());
    }

    @Test
    void aWrongHeaderFails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("code,name,openssl_name,openssl_min_protocol,kx,auth,enc,enc_bits,mac,export\n" + GOOD));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(""));
    }

    @Test
    void duplicateCodesAndNamesAreRejectedByTheRegistry() throws IOException {
        List<CipherSuite> twice = parse(HEADER + GOOD + GOOD);
        assertThrows(IllegalArgumentException.class,
                () -> new CodeTable<>("CipherSuite", twice, CipherSuite::code, CipherSuite::lookupNames));
        List<CipherSuite> sameName = parse(HEADER + GOOD
                + "0xC030,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,,TLSv1.2,ECDH,RSA,AESGCM,256,AEAD,N\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CodeTable<>("CipherSuite", sameName, CipherSuite::code, CipherSuite::lookupNames));
        assertTrue(e.getMessage().contains("0xC02F") && e.getMessage().contains("0xC030"), e.getMessage());
    }
}
