package io.tlsweep.advice;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Server software whose TLS versions and suites are set in a known place, each with the vendor documentation that
 * place is taken from. The scan tells some of them from what the service says (see {@link SoftwareGuess}); the
 * others are listed for the reader to match by hand (the report's "where it is set" table).
 */
public enum Software {
    /** Windows: IIS, RDP, SQL Server, Exchange and every other service on the Schannel provider. */
    SCHANNEL("Windows Schannel (IIS, RDP, SQL Server, Exchange)",
            "https://learn.microsoft.com/en-us/windows-server/security/tls/tls-registry-settings",
            "Group Policy \"SSL Cipher Suite Order\" (Computer Configuration > Administrative Templates > Network >"
                    + " SSL Configuration Settings), or PowerShell Disable-TlsCipherSuite -Name <suite>",
            "https://learn.microsoft.com/en-us/windows-server/security/tls/manage-tls"),
    NGINX("nginx", "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols",
            "ssl_ciphers in the http or server block, e.g. ssl_ciphers HIGH:!aNULL:!RC4:!3DES;",
            "https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_ciphers"),
    APACHE("Apache httpd (mod_ssl)", "https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol",
            "SSLCipherSuite, e.g. SSLCipherSuite HIGH:!aNULL:!RC4:!3DES",
            "https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite"),
    POSTFIX("Postfix", "https://www.postfix.org/postconf.5.html#smtpd_tls_protocols",
            "main.cf: smtpd_tls_exclude_ciphers = aNULL, RC4, 3DES (and the other suites named)",
            "https://www.postfix.org/postconf.5.html#smtpd_tls_exclude_ciphers"),
    DOVECOT("Dovecot", "https://doc.dovecot.org/2.3/settings/core/#core_setting-ssl_min_protocol",
            "10-ssl.conf: ssl_cipher_list, e.g. ssl_cipher_list = HIGH:!aNULL:!RC4:!3DES",
            "https://doc.dovecot.org/2.3/settings/core/#core_setting-ssl_cipher_list"),
    HAPROXY("HAProxy", "https://docs.haproxy.org/2.8/configuration.html#5.1-ssl-min-ver",
            "global: ssl-default-bind-ciphers (TLS 1.2 and below), e.g. HIGH:!aNULL:!RC4:!3DES",
            "https://docs.haproxy.org/2.8/configuration.html#3.1-ssl-default-bind-ciphers"),
    OPENSSL("OpenSSL-based server reading the system openssl.cnf",
            "https://docs.openssl.org/3.0/man3/SSL_CONF_cmd/",
            "openssl.cnf, in the section ssl_conf's system_default names: CipherString = HIGH:!aNULL:!RC4:!3DES",
            "https://docs.openssl.org/3.0/man3/SSL_CONF_cmd/"),
    JAVA("Java (JSSE)",
            "https://docs.oracle.com/en/java/javase/17/security/java-secure-socket-extension-jsse-reference-guide.html",
            "$JAVA_HOME/conf/security/java.security: add RC4, 3DES_EDE_CBC, anon, NULL to jdk.tls.disabledAlgorithms",
            "https://docs.oracle.com/en/java/javase/17/security/java-secure-socket-extension-jsse-reference-guide.html");

    private final String title;
    private final String source;
    private final String suites;
    private final String suitesSource;

    Software(String title, String source, String suites, String suitesSource) {
        this.title = title;
        this.source = source;
        this.suites = suites;
        this.suitesSource = suitesSource;
    }

    /** The software as a reader knows it. */
    public String title() {
        return title;
    }

    /** Where the versions are set is taken from this page. */
    public String source() {
        return source;
    }

    /** Where the suites are set, and how weak ones are left out. */
    public String suites() {
        return suites;
    }

    /** Where the suites are set is taken from this page. */
    public String suitesSource() {
        return suitesSource;
    }

    /** Where the versions are set so that only TLS 1.2 and 1.3 remain, in general (the reference table). */
    public String versions() {
        return versionsOff(List.of("TLSv1.0", "TLSv1.1"));
    }

    /** Where {@code legacy} (version names as "TLSv1.0") are switched off, TLS 1.2 and 1.3 kept. */
    public String versionsOff(List<String> legacy) {
        return switch (this) {
            case SCHANNEL -> legacy.size() == 1 ? schannelKey(schannelName(legacy.get(0)))
                    + ": Enabled=0 and DisabledByDefault=1 (DWORD), then restart" : schannelKey("<version>")
                    + " for " + legacy.stream().map(Software::schannelName).collect(Collectors.joining(", "))
                    + ": Enabled=0 and DisabledByDefault=1 (DWORD), then restart";
            case NGINX -> "ssl_protocols TLSv1.2 TLSv1.3; in the http or server block";
            case APACHE -> "SSLProtocol -all +TLSv1.2 +TLSv1.3";
            case POSTFIX -> "main.cf: smtpd_tls_protocols = >=TLSv1.2 and smtpd_tls_mandatory_protocols = >=TLSv1.2"
                    + " (Postfix 3.6 and later; before: !SSLv2, !SSLv3, !TLSv1, !TLSv1.1)";
            case DOVECOT -> "10-ssl.conf: ssl_min_protocol = TLSv1.2 (Dovecot 2.3 and later)";
            case HAPROXY -> "ssl-min-ver TLSv1.2 on the bind line, or ssl-default-bind-options ssl-min-ver TLSv1.2"
                    + " in global";
            case OPENSSL -> "openssl.cnf, in the section ssl_conf's system_default names: MinProtocol = TLSv1.2";
            case JAVA -> "$JAVA_HOME/conf/security/java.security: add "
                    + legacy.stream().map(Software::javaName).collect(Collectors.joining(", "))
                    + " to jdk.tls.disabledAlgorithms";
        };
    }

    /** Where TLS 1.2 is turned on for a server that accepts only older versions. */
    public String enableModern() {
        return switch (this) {
            case SCHANNEL -> schannelKey("TLS 1.2") + ": Enabled=1 and DisabledByDefault=0 (DWORD), then restart";
            case JAVA -> "$JAVA_HOME/conf/security/java.security: TLSv1.2 must not be listed in"
                    + " jdk.tls.disabledAlgorithms (and the application must not restrict the versions)";
            default -> versions();
        };
    }

    /** The registry key of a version's server side ("TLS 1.0"). */
    static String schannelKey(String version) {
        return "registry HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\"
                + version + "\\Server";
    }

    /** "TLSv1.0" as the Schannel registry names it: "TLS 1.0"; "SSLv3": "SSL 3.0". */
    static String schannelName(String version) {
        return switch (version) {
            case "SSLv2" -> "SSL 2.0";
            case "SSLv3" -> "SSL 3.0";
            default -> version.replace("TLSv", "TLS ");
        };
    }

    /** "TLSv1.0" as jdk.tls.disabledAlgorithms names it: "TLSv1". */
    static String javaName(String version) {
        return version.equals("TLSv1.0") ? "TLSv1" : version;
    }
}
