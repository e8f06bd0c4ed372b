package io.tlsweep.run;

import io.tlsweep.cert.AnchorLoad;
import io.tlsweep.cert.TrustAnchors;
import io.tlsweep.profile.ProfileFile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The user's files that configure a run besides its targets: CA bundles ({@code --ca-file}, {@code caFile:}) and
 * client profile files ({@code --profiles}, {@code profileFile:}). They are read here, so the certificate and
 * profile packages stay pure and parse bytes and text only.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Every certificate of a PEM bundle (several {@code BEGIN CERTIFICATE} blocks; text between blocks is ignored;
     * a single DER certificate is accepted too, as the JDK reads it); a file that cannot be read is a failure
     * naming it.
     */
    public static AnchorLoad caBundle(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new AnchorLoad.Failed(source, "no such file");
        } catch (AccessDeniedException e) {
            return new AnchorLoad.Failed(source, "permission denied");
        } catch (IOException e) {
            return new AnchorLoad.Failed(source, "cannot read it: " + e.getMessage());
        }
        return TrustAnchors.pemBundle(source, bytes);
    }

    /**
     * The JDK defaults and a PEM bundle together (an internal CA next to the public ones); the JDK's store is read
     * when first used ({@link TrustAnchors#jdkDefaultsWhenUsed()}), the bundle now.
     */
    public static AnchorLoad jdkDefaultsAnd(Path caFile) {
        return TrustAnchors.jdkDefaultsWhenUsed().plus(caBundle(caFile));
    }

    /** A client profile file, parsed; its problems are in the load's errors, named with the file. */
    public static ProfileFile.Load profiles(Path file) throws IOException {
        return ProfileFile.parse(Files.readString(file), file.toString());
    }
}
