package io.tlsweep.cli;

import io.tlsweep.run.DriftFailOn;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads one drift condition of {@code --fail-on} (use with {@code split = ","}). */
final class DriftFailOnConverter implements ITypeConverter<DriftFailOn> {
    @Override
    public DriftFailOn convert(String value) {
        try {
            return DriftFailOn.parseOne(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
