package cn.huren.server.certificate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** PEM text of certificates and certification requests, written and read in one place. */
public final class Pem {

    private static final Pattern CERTIFICATE = Pattern.compile("-----(BEGIN|END) CERTIFICATE-----");
    private static final Pattern REQUEST = Pattern.compile("-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----");
    private static final Pattern SPACE = Pattern.compile("\\s");
    private static final byte[] NEWLINE = "\n".getBytes(StandardCharsets.US_ASCII);

    private Pem() {
    }

    /** A certificate's DER as PEM, 64 characters a line. */
    public static String certificate(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, NEWLINE).encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    /** A certificate as PEM, or base64 DER, to DER; null when it is neither. */
    static byte[] certificateDer(String text) {
        return der(text, CERTIFICATE);
    }

    /** A certification request ({@code CERTIFICATE REQUEST} or {@code NEW CERTIFICATE REQUEST}) as PEM, or base64 DER, to DER; null when neither. */
    static byte[] requestDer(String text) {
        return der(text, REQUEST);
    }

    private static byte[] der(String text, Pattern armour) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(SPACE.matcher(armour.matcher(text).replaceAll("")).replaceAll(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
