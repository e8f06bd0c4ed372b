package io.tlsweep.testing;

import io.tlsweep.wire.ServerResponse;
import io.tlsweep.wire.ServerResponseDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Test-only blocking exchange: send hello bytes to a loopback port and decode the answer, bounded by a
 * deadline. The scanner's own engine is non-blocking; this exists so codec tests need no engine.
 */
public final class RawExchange {
    private RawExchange() {
    }

    public static ServerResponse send(int port, byte[] hello) throws IOException {
        return send(port, hello, TimeUnit.SECONDS.toMillis(5));
    }

    public static ServerResponse send(int port, byte[] hello, long deadlineMillis) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long end = System.currentTimeMillis() + deadlineMillis;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            s.getOutputStream().write(hello);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (System.currentTimeMillis() < end) {
                s.setSoTimeout((int) Math.max(1, Math.min(250, end - System.currentTimeMillis())));
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException quiet) {
                    continue;
                } catch (IOException reset) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
                byte[] all = got.toByteArray();
                if (ServerResponseDecoder.decode(all) instanceof ServerResponseDecoder.Decoding.Done done) {
                    return done.response();
                }
            }
        }
        return ServerResponseDecoder.finish(got.toByteArray());
    }
}
