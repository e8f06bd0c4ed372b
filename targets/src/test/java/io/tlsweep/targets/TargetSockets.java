package io.tlsweep.targets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Plain sockets to a farm target, for tests that write a hello by hand and read what comes back. */
public final class TargetSockets {
    private TargetSockets() {
    }

    /** A connected socket to {@code target}, with a 6 s read timeout. */
    public static Socket open(FarmTarget target) throws IOException {
        Socket s = new Socket();
        s.connect(target.address(), 2000);
        s.setSoTimeout(6000);
        return s;
    }

    /** Reads to the end of the stream (the server's close); a reset or a silence throws. */
    public static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            got.write(buffer, 0, n);
        }
        return got.toByteArray();
    }
}
