package cn.huren.plugins.neimenggu;

/** Phone and ID numbers as pages, reviewers and logs may show them: never whole. */
final class Masks {

    private Masks() {
    }

    /** 138****8000 */
    static String mobile(String mobile) {
        if (mobile == null || mobile.length() < 7) {
            return "****";
        }
        return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    /** 1501**********1234: the region and the last four. */
    static String residentId(String id) {
        if (id == null || id.length() < 8) {
            return "****";
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** a***@example.com */
    static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
