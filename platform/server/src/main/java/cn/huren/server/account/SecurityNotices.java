package cn.huren.server.account;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import java.util.Map;
import java.util.Optional;

/**
 * The ACCOUNT_SECURITY notice each security-relevant change of an account puts into its notice centre, by the
 * action {@link PersonAccounts#record} writes (one mapping, so a new kind of change is one line here). Other
 * actions (registration, feedback, closure, logins) send none. Numbers in the text are the history's masked ones.
 */
final class SecurityNotices {

    private static final String NOT_YOU_ZH = "如非本人操作，请立即通过短信验证码重置密码。";
    private static final String NOT_YOU_EN = " If this was not you, reset your password by SMS code at once.";

    private SecurityNotices() {
    }

    static Optional<Notice> of(String action, Map<String, Object> detail) {
        return Optional.ofNullable(switch (action) {
            case "password-set" -> notice("已设置登录密码", "Password set",
                    "您的账户已设置登录密码。" + NOT_YOU_ZH, "A password was set for your account." + NOT_YOU_EN);
            case "password-changed" -> notice("登录密码已修改", "Password changed",
                    "您的账户登录密码已修改，其他设备上的登录已退出。" + NOT_YOU_ZH,
                    "Your account's password was changed and its other sessions were ended." + NOT_YOU_EN);
            case "password-reset" -> notice("登录密码已重置", "Password reset",
                    "您的账户登录密码已通过短信验证码重置，所有登录已退出。" + NOT_YOU_ZH,
                    "Your account's password was reset by SMS code and all its sessions were ended." + NOT_YOU_EN);
            case "mobile-changed" -> notice("手机号已更换", "Mobile number changed",
                    "您的账户手机号已由 " + detail.get("from") + " 更换为 " + detail.get("to") + "，今后请用新号码登录。" + NOT_YOU_ZH,
                    "Your account's mobile number was changed from " + detail.get("from") + " to " + detail.get("to")
                            + "; sign in with the new number from now on." + NOT_YOU_EN);
            case "bank-card-bound" -> notice("已绑定银行卡", "Bank card bound",
                    "您的账户已绑定" + detail.get("bank") + "银行卡 " + detail.get("card") + "。" + NOT_YOU_ZH,
                    "The card " + detail.get("card") + " (" + detail.get("bank") + ") was bound to your account." + NOT_YOU_EN);
            case "bank-card-unbound" -> notice("已解绑银行卡", "Bank card unbound",
                    "银行卡 " + detail.get("card") + " 已从您的账户解绑。" + NOT_YOU_ZH,
                    "The card " + detail.get("card") + " was unbound from your account." + NOT_YOU_EN);
            case "real-name-verified" -> notice("实名认证已完成", "Real-name verification completed",
                    "您的账户已通过实名认证（证件 " + detail.get("maskedDocument") + "）。" + NOT_YOU_ZH,
                    "Your account is now real-name verified (document " + detail.get("maskedDocument") + ")." + NOT_YOU_EN);
            default -> null;
        });
    }

    private static Notice notice(String titleZh, String titleEn, String bodyZh, String bodyEn) {
        return new Notice(NoticeKind.ACCOUNT_SECURITY, titleZh, titleEn, bodyZh, bodyEn);
    }
}
