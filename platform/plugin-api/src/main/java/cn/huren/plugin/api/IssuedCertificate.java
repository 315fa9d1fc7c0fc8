package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;

/**
 * A certificate a CA issued: its serial number (hexadecimal, upper case, as Huren shows serials)
 * and the chain as DER, the holder's certificate first and the root last.
 */
public record IssuedCertificate(String serialNumber, List<byte[]> chain, Instant notBefore, Instant notAfter, String caName) {

    public IssuedCertificate {
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("an issued certificate has a chain of at least the certificate itself");
        }
        chain = chain.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> chain() {
        return chain.stream().map(byte[]::clone).toList();
    }

    /** The holder's certificate (DER). */
    public byte[] certificate() {
        return chain.get(0).clone();
    }
}
