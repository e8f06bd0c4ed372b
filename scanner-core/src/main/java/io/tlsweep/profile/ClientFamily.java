package io.tlsweep.profile;

import io.tlsweep.text.Labelled;
import io.tlsweep.text.Labels;
import java.util.Optional;

/** The kind of client stack, which decides the error vocabulary a failure is reported in. */
public enum ClientFamily implements Labelled {
    /** An application calling Schannel (SSPI) with the OS defaults. */
    SCHANNEL("schannel"),
    /** WinHTTP on top of Schannel (services, PowerShell's Invoke-WebRequest on old Windows, agents). */
    WINHTTP("winhttp"),
    /** .NET Framework HttpWebRequest / WebClient / SslStream on top of Schannel. */
    DOTNET("dotnet"),
    /** Java's SunJSSE. */
    JAVA("java"),
    /** An application linked against OpenSSL with its library defaults. */
    OPENSSL("openssl"),
    /** A web browser. */
    BROWSER("browser");

    /** Matched ignoring case and surrounding blanks, as a profile file may write them. */
    public static final Labels<ClientFamily> LABELS = Labels.ofAnyCase(ClientFamily.class);

    private final String label;

    ClientFamily(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether the client sits on Windows' Schannel, so Schannel's status codes apply. */
    public boolean usesSchannel() {
        return this == SCHANNEL || this == WINHTTP || this == DOTNET;
    }

    public static Optional<ClientFamily> byLabel(String text) {
        return LABELS.find(text);
    }

    @Override
    public String toString() {
        return label;
    }
}
