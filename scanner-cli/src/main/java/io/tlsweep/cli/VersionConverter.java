package io.tlsweep.cli;

import io.tlsweep.wire.ProtocolVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "TLSv1.2", "tls1.2", "1.2", "SSLv3". */
final class VersionConverter implements ITypeConverter<ProtocolVersion> {
    @Override
    public ProtocolVersion convert(String value) {
        return ProtocolVersion.parse(value).filter(v -> ProtocolVersion.HELLO_VERSIONS.contains(v))
                .orElseThrow(() -> new TypeConversionException("unknown protocol version '" + value
                        + "' (expected SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3)"));
    }
}
