package cn.huren.plugin.api;

/**
 * Host service: real-name verification of a natural person (实名认证, APP-07), one method per way the person may
 * choose, through the verification provider the current tenant is configured with (in demo mode and sandboxes, the
 * host's sandbox provider). Each call is one request to the provider; the host logs only masked numbers.
 * Each method answers MATCH or MISMATCH, or throws {@link RealNameException} when the provider gives no verdict.
 */
public interface RealNameVerifier {

    /** 中金认证 (CFCA): name and identity document number. */
    RealNameResult verifyIdentity(IdentityClaim claim);

    /**
     * 支付宝认证 (Alipay): name, identity document number and the face recognition the app performed.
     *
     * @param faceToken the certify id / token the app obtained from the face-recognition step, which the provider
     *                  looks up to compare the face it saw with the document's holder
     */
    RealNameResult verifyFace(IdentityClaim claim, String faceToken);

    /**
     * 银行卡四要素认证: name, identity document number, bank card number and the mobile number the bank holds for
     * the card.
     */
    RealNameResult verifyBankCard(IdentityClaim claim, String cardNumber, String cardMobile);
}
