package io.tlsweep.prelude.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one request tlsweep sends to a web endpoint once TLS is up: {@code GET <path> HTTP/1.1} with {@code Host},
 * {@code User-Agent: tlsweep}, {@code Accept: *}{@code /*} and {@code Connection: close}. Never an {@code
 * Authorization} header: the server's challenges are read, none is answered. Pure.
 */
public final class HttpRequest {
    /** The path asked when the user gives none. */
    public static final String DEFAULT_PATH = "/";
    /** The longest path accepted. */
    public static final int MAX_PATH = 2048;
    /** The port {@code https} URIs default to, left out of {@code Host}. */
    static final int HTTPS_PORT = 443;

    private HttpRequest() {
    }

    /**
     * The request for {@code path} with {@code host} as its {@code Host} header.
     *
     * @throws IllegalArgumentException when {@code path} is not a valid path ({@link #checkPath})
     */
    public static byte[] get(String host, String path) {
        checkPath(path);
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: tlsweep\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The {@code Host} header of an endpoint (RFC 9110 §7.2): the server name sent in SNI, else the address (an IPv6
     * one in brackets), with {@code :port} unless the port is 443.
     */
    public static String host(Optional<String> sni, String address, int port) {
        String name = sni.orElse(address.indexOf(':') >= 0 ? "[" + address + "]" : address);
        return port == HTTPS_PORT ? name : name + ":" + port;
    }

    /**
     * {@code path} when it can be asked as it is: it starts with {@code /}, has at most {@value #MAX_PATH}
     * characters, all visible ASCII (no space: percent-encode it).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static String checkPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("an HTTP path starts with '/'");
        }
        if (path.length() > MAX_PATH) {
            throw new IllegalArgumentException("an HTTP path of at most " + MAX_PATH + " characters");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("an HTTP path of visible ASCII only (percent-encode the rest),"
                        + " not character " + (int) c + " at " + i);
            }
        }
        return path;
    }
}
