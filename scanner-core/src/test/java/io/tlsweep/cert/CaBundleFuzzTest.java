package io.tlsweep.cert;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tlsweep.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of a CA bundle ({@code --ca-file}, {@code caFile:} in sweep.yaml) as
 * {@link TrustAnchors#pemBundle} reads it. Property: any bytes load, or fail with a reason naming the file;
 * nothing is thrown.
 */
@Tag("fuzz")
public class CaBundleFuzzTest {

    @MethodSource("seeds")
    @FuzzTest(maxDuration = Fuzzing.SHORT_RUN)
    public void aBundleLoadsOrSaysWhyNot(byte[] data) {
        AnchorLoad load = TrustAnchors.pemBundle("ca.pem", data);
        if (load instanceof AnchorLoad.Failed failed) {
            assertThat(failed.message()).isNotBlank();
        } else {
            assertThat(((AnchorLoad.Loaded) load).anchors().certificates()).isNotEmpty();
        }
    }

    /** A bundle of two CA certificates with text around them, and one certificate as DER. */
    public static Stream<byte[]> seeds() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Bundle Root,O=tlsweep", TestPki.ec("secp256r1"));
        TestPki.Issued ca = TestPki.intermediate("CN=Bundle CA", TestPki.generate("Ed25519", 0), root,
                "SHA256withECDSA");
        String bundle = "# internal CAs\n" + pem(root.der()) + "some text\n" + pem(ca.der());
        return Stream.of(bundle.getBytes(StandardCharsets.US_ASCII), ca.der());
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
