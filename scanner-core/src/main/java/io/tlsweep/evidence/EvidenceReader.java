package io.tlsweep.evidence;

/**
 * A reader of one input format: recognises it from its first bytes and streams it into observations and
 * problems. A reader never throws for what is in its input: a bad line, a corrupt block or an input that ends
 * early is a problem reported with its position, and reading goes on after it where the format allows.
 */
public interface EvidenceReader {
    /** The format's name, as {@code --format} takes it ("nginx", "pcap" ...). */
    String name();

    /** One line for {@code --help}: what the format is and what it must log. */
    String about();

    /** Whether the input's first bytes ({@link EvidenceInput#head()}, uncompressed) look like this format. */
    boolean recognises(byte[] head);

    /** Reads the whole input into {@code sink}. */
    void read(EvidenceInput in, EvidenceSink sink);
}
