package cn.huren.server.membership;

/** what an authorisation letter (授权书) is made for; each names its act in the template. */
public enum LetterPurpose {
    CLAIM("认领企业", "claim the enterprise"),
    BANK_TRANSFER("对公打款认证", "verify by corporate bank transfer"),
    HANDOVER("管理员移交", "hand over the administrator role"),
    APPEAL("申诉成为管理员", "become the administrator by appeal"),
    ENTERPRISE_CHANGE("企业信息变更", "change the enterprise's information"),
    CERTIFICATE("企业证书办理", "apply for, renew or re-download the enterprise certificate");

    private final String zh;
    private final String en;

    LetterPurpose(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
