package io.tlsweep.cli;

import io.tlsweep.text.VisibleText;
import io.tlsweep.wire.Weakness;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads one weakness name (use with {@code split = ","}): a label or an alias, any case; as completion candidates,
 * the labels.
 */
final class WeaknessConverter implements ITypeConverter<Weakness>, Iterable<String> {
    @Override
    public Weakness convert(String value) {
        return Weakness.byName(value).orElseThrow(() -> new TypeConversionException("unknown weakness '"
                + VisibleText.of(value) + "' (expected one of " + Weakness.vocabulary() + ", or an alias)"));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Weakness.values()).map(Weakness::label).iterator();
    }
}
