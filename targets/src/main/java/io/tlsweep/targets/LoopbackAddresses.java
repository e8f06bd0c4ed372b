package io.tlsweep.targets;

/** The farm binds loopback addresses only; this is where that rule is enforced. */
final class LoopbackAddresses {

    private LoopbackAddresses() {
    }

    /** Accepts only literal IPv4 addresses in 127.0.0.0/8. */
    static String requireLoopback(String address) {
        if (address == null || !address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("the farm binds only literal 127.x.y.z addresses: " + address);
        }
        for (String part : address.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + address);
            }
        }
        return address;
    }
}
