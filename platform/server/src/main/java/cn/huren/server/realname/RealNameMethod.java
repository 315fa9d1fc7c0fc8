package cn.huren.server.realname;

/** APP-07: the three ways a person proves their real name; any one is enough. */
public enum RealNameMethod {
    /** 中金认证: name + identity document. */
    CFCA("cfca"),
    /** 支付宝认证: name + identity document + face recognition. */
    ALIPAY_FACE("alipay-face"),
    /** 银行卡四要素认证: name, identity document, bank card number, the card's reserved mobile. */
    BANK_CARD("bank-card");

    private final String code;

    RealNameMethod(String code) {
        this.code = code;
    }

    /** As the party's {@code registered_via} and the ledger name it: {@code realname:cfca}, … */
    public String verifiedBy() {
        return "realname:" + code;
    }
}
