package io.tlsweep.targets;

/**
 * A published flaw a {@link ScriptedTargetSpec} reproduces, for the scanner's true positives: what a server with
 * it does with the records a client sends after the server's first flight. A scripted server with any flaw reads
 * every record after its flight (one without reads none); a record no flaw takes is ignored.
 */
public enum ScriptedFlaw {
    /**
     * Heartbleed (CVE-2014-0160), as OpenSSL 1.0.1 to 1.0.1f: the ServerHello echoes a heartbeat extension the
     * client offered (RFC 6520, peer_allowed_to_send), and a heartbeat request after the flight is answered,
     * negotiated or not, with a response of the payload_length the request claims, whatever came: the bytes past
     * the request are the script's stand-in for memory ({@code scripted.FlawScript#MEMORY}), then 16 bytes of
     * padding, in records of at most 2^14 bytes. A request whose payload fits is answered as RFC 6520 says.
     */
    HEARTBEAT_OVER_READ,
    /**
     * CCS injection (CVE-2014-0224), as OpenSSL before 1.0.1h: a ChangeCipherSpec after the flight, before any
     * ClientKeyExchange, is taken without a word; the record after it, read under the keys an empty master secret
     * gives, fails: a fatal bad_record_mac alert, then a close.
     */
    EARLY_CCS_ACCEPTED,
    /**
     * ROBOT (a Bleichenbacher padding oracle, CERT/CC VU#144389): a ClientKeyExchange is decrypted
     * with the leaf's RSA key ({@code scripted.PaddingOracle}); a well-formed block (0x00 0x02, padding, 0x00, 48
     * bytes) is taken without a word, and the Finished after the ChangeCipherSpec fails: a fatal bad_record_mac
     * alert, then a close. Any other block gets a fatal handshake_failure alert and a close at once: a weak oracle, as
     * the ROBOT paper names it.
     */
    RSA_PADDING_ORACLE
}
