package io.tlsweep.cli;

import io.tlsweep.run.SettingValues;
import io.tlsweep.wire.ProtocolVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads "TLSv1.2", "tls1.2", "1.2", "SSLv3". */
final class VersionConverter implements ITypeConverter<ProtocolVersion> {
    @Override
    public ProtocolVersion convert(String value) {
        try {
            return SettingValues.helloVersion(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
