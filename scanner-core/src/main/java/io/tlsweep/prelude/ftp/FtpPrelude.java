package io.tlsweep.prelude.ftp;

import io.tlsweep.prelude.Prelude;
import io.tlsweep.prelude.PreludeCodec;
import io.tlsweep.prelude.PreludeProtocol;
import io.tlsweep.prelude.line.StartTlsProtocol;
import java.util.List;

/** FTP's AUTH TLS (RFC 4217), port 21. See {@link FtpCodec}. */
public record FtpPrelude() implements Prelude {
    public static final String NAME = "ftp";
    public static final PreludeProtocol PROTOCOL = new StartTlsProtocol(NAME, List.of(21), new FtpPrelude());

    @Override
    public String protocol() {
        return NAME;
    }

    @Override
    public PreludeCodec open() {
        return new FtpCodec();
    }
}
