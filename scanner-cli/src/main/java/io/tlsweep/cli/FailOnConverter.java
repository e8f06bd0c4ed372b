package io.tlsweep.cli;

import io.tlsweep.run.FailOn;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads one {@code --fail-on} condition name (use with {@code split = ","}); as completion candidates, the names it
 * reads (picocli would offer the enum's constants, which it does not).
 */
final class FailOnConverter implements ITypeConverter<FailOn>, Iterable<String> {
    @Override
    public FailOn convert(String value) {
        try {
            return FailOn.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(FailOn.values()).map(FailOn::label).iterator();
    }
}
