package io.tlsweep.input;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Breaks the house rule on purpose (target input resolving a name), for HouseRulesTest. */
public final class ResolvingOffender {
    private ResolvingOffender() {
    }

    static InetAddress resolve(String host) throws UnknownHostException {
        return InetAddress.getByName(host);
    }
}
