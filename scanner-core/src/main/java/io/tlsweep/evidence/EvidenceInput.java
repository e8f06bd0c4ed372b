package io.tlsweep.evidence;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One input opened for reading: plain or gzip (recognised by its magic bytes, not its name), with a look at its
 * first bytes for format detection and a count of the file's bytes read so far, so that a compressed file that
 * ends early is reported at a position the user can check.
 */
public final class EvidenceInput implements Closeable {
    /** How much of the (uncompressed) start a reader may look at to recognise its format. */
    public static final int HEAD = 8192;

    private final String name;
    private final Counting file;
    private final boolean compressed;
    private final BufferedInputStream in;
    private byte[] head;

    private EvidenceInput(String name, InputStream raw) throws IOException {
        this.name = name;
        this.file = new Counting(new BufferedInputStream(raw, 65536));
        file.mark(2);
        int b0 = file.read();
        int b1 = file.read();
        file.reset();
        this.compressed = b0 == 0x1f && b1 == 0x8b;
        this.in = new BufferedInputStream(compressed ? new GZIPInputStream(file, 65536) : file, 65536);
    }

    /** Opens a file; an {@link IOException} here means it could not be opened at all. */
    public static EvidenceInput open(Path path) throws IOException {
        return of(path.toString(), Files.newInputStream(path));
    }

    /** An input read from {@code in}, named {@code name} in positions and problems. */
    public static EvidenceInput of(String name, InputStream in) throws IOException {
        return new EvidenceInput(name, in);
    }

    public String name() {
        return name;
    }

    /** Whether the file is gzip-compressed. */
    public boolean compressed() {
        return compressed;
    }

    /** How many bytes of the file (compressed, when it is) have been read so far. */
    public long fileOffset() {
        return file.count;
    }

    /**
     * The first {@link #HEAD} bytes of the content (fewer when it is shorter, or when it cannot be read that far),
     * without consuming them.
     */
    public byte[] head() {
        if (head == null) {
            byte[] buf = new byte[HEAD];
            int n = 0;
            in.mark(HEAD);
            try {
                for (int r; n < HEAD && (r = in.read(buf, n, HEAD - n)) > 0; ) {
                    n += r;
                }
            } catch (IOException e) {
                // the reader meets the same failure when it reads, and reports it where it happens
            }
            try {
                in.reset();
            } catch (IOException e) {
                throw new IllegalStateException("mark of " + HEAD + " bytes lost", e);
            }
            head = Arrays.copyOf(buf, n);
        }
        return head.clone();
    }

    /** The content, uncompressed; read it once. */
    public InputStream stream() {
        return in;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Counts the bytes read through it, for positions in a compressed file. */
    private static final class Counting extends FilterInputStream {
        private long count;
        private long marked;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            marked = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            super.reset();
            count = marked;
        }
    }
}
