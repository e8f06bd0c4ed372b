package io.tlsweep.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real TLS 1.3 handshake by {@code openssl s_client} against a loopback port, for tests that compare what the
 * scanner read with what a real client sees: the chain the server sent ({@code -showcerts}) and the signature
 * scheme of its CertificateVerify, taken from the message itself ({@code -msg} prints the decrypted handshake
 * messages). The process gets no input and ends after the handshake; it is stopped after 20 s at most.
 */
public final class OpenSslClient {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----", Pattern.DOTALL);
    private static final Pattern VERIFY = Pattern.compile(
            "<<< TLS 1\\.3, Handshake \\[length [0-9a-f]+\\], CertificateVerify\\R\\s+0f ([0-9a-f]{2} ){3}"
                    + "([0-9a-f]{2}) ([0-9a-f]{2})");

    /** What the handshake saw: the chain (DER, leaf first, as sent) and the CertificateVerify's scheme code. */
    public record Seen(List<byte[]> chain, int signatureScheme) {
    }

    private OpenSslClient() {
    }

    /** A TLS 1.3 handshake with 127.0.0.1:{@code port}, naming {@code sni} when given. */
    public static Seen tls13(int port, Optional<String> sni) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_3", "-showcerts", "-msg"));
        sni.ifPresentOrElse(n -> cmd.addAll(List.of("-servername", n)), () -> cmd.add("-noservername"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("openssl s_client did not end within 20 s");
        }
        String text = out.join();
        List<byte[]> chain = new ArrayList<>();
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            chain.add(Base64.getMimeDecoder().decode(pem.group(1)));
        }
        Matcher verify = VERIFY.matcher(text);
        if (chain.isEmpty() || !verify.find()) {
            throw new IOException("openssl s_client saw no chain or no CertificateVerify:\n" + text);
        }
        return new Seen(List.copyOf(chain), Integer.parseInt(verify.group(2) + verify.group(3), 16));
    }
}
