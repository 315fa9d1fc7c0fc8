package cn.huren.server.realname;

import cn.huren.server.support.HmacSignature;

/**
 * The request signature of the real-name provider contract (docs/real-name.md): {@link HmacSignature}, shared with the
 * bank-transfer contract.
 */
final class RealNameSignature {

    static final String ALGORITHM = HmacSignature.ALGORITHM;
    static final String APP_KEY = HmacSignature.APP_KEY;
    static final String TIMESTAMP = HmacSignature.TIMESTAMP;
    static final String NONCE = HmacSignature.NONCE;
    static final String SIGNATURE = HmacSignature.SIGNATURE;

    private RealNameSignature() {
    }

    static String stringToSign(String method, String path, String timestamp, String nonce, byte[] body) {
        return HmacSignature.stringToSign(method, path, timestamp, nonce, body);
    }

    static String sign(String appSecret, String stringToSign) {
        return HmacSignature.sign(appSecret, stringToSign);
    }

    static boolean matches(String expected, String given) {
        return HmacSignature.matches(expected, given);
    }

    static String sha256Hex(byte[] body) {
        return HmacSignature.sha256Hex(body);
    }
}
