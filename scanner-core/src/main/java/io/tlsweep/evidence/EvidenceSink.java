package io.tlsweep.evidence;

/** Where a reader puts what it reads, as it reads it: the tally, or a test's list. */
public interface EvidenceSink {
    /** One handshake seen. */
    void observed(Observation o);

    /** A part of the input that could not be read; the reader goes on after it where it can. */
    void problem(EvidenceProblem p);
}
