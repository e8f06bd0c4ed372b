package io.tlsweep.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Keeps an output directory to one run at a time: an OS file lock on {@value #FILE} in the directory, held until
 * the run ends. The kernel drops the lock when the process dies (even by {@code kill -9}), so a killed run never
 * leaves a directory locked, and {@code --resume} can take it at once. The file names the holder, for the
 * message a second run prints.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".tlsweep.lock";

    /** The directory is held by another run. */
    public static final class Busy extends Exception {
        Busy(String message) {
            super(message);
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it for {@code what} (a short description of this run).
     *
     * @throws Busy when another run (in this or another process) holds it
     */
    public static OutputLock acquire(Path dir, String what) throws IOException, Busy {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new Busy(dir + " is in use by another tlsweep run" + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; wait for it to end, or write to another directory");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + what + ", since "
                + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new OutputLock(channel, lock);
    }

    /** Who holds the lock, as it wrote it; a holder that has just taken the lock is given 200 ms to write it. */
    private static String holder(FileChannel channel) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            ByteBuffer buf = ByteBuffer.allocate(512);
            channel.read(buf, 0);
            String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                return text;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
