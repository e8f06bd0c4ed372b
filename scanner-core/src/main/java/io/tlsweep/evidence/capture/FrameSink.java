package io.tlsweep.evidence.capture;

/** Where a capture file's packets go as they are read, and what could not be read, with its byte offset. */
interface FrameSink {
    void frame(PcapFrame frame);

    void problem(long offset, String message);
}
