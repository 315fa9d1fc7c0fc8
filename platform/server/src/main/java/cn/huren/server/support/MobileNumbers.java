package cn.huren.server.support;

import java.util.regex.Pattern;

/** Mainland mobile numbers (ORD-03): 11 digits starting 13–19; what SMS codes, accounts and bank cards accept. */
public final class MobileNumbers {

    private static final Pattern MAINLAND = Pattern.compile("1[3-9][0-9]{9}");

    private MobileNumbers() {
    }

    public static boolean mainland(String number) {
        return number != null && MAINLAND.matcher(number).matches();
    }
}
