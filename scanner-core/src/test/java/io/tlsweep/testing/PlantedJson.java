package io.tlsweep.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Files a test writes itself, as input tlsweep must cope with (a results.jsonl with a broken line, a summary.json
 * from another version): {@link SchemaCheckExtension} leaves files of these names alone and still validates every
 * other JSON file of the test's directories.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PlantedJson {
    /** The file names ("results.jsonl") the test plants. */
    String[] value();
}
