package cn.huren.plugin.api;

import java.util.Map;
import java.util.Objects;

/**
 * One templated text message: the mobile number it goes to, the provider's template code and the values of the
 * template's variables. {@link #toString()} masks the number and leaves the values out, so logging a message
 * never logs a code.
 */
public record SmsMessage(String phoneNumber, String templateCode, Map<String, String> parameters) {

    public SmsMessage {
        if (phoneNumber == null || !phoneNumber.matches("\\+?[0-9]{5,20}")) {
            throw new IllegalArgumentException("phone number must be 5 to 20 digits, optionally after a +");
        }
        if (templateCode == null || templateCode.isBlank() || templateCode.length() > 100) {
            throw new IllegalArgumentException("template code must be 1 to 100 characters");
        }
        parameters = Map.copyOf(Objects.requireNonNullElse(parameters, Map.of()));
    }

    /** The number as pages and logs may show it: {@code 138****5678}. */
    public String maskedPhoneNumber() {
        return mask(phoneNumber);
    }

    /** {@code 13812345678} as {@code 138****5678} (null as {@code -}): the only form a number takes in logs and pages. */
    public static String mask(String phoneNumber) {
        if (phoneNumber == null) {
            return "-";
        }
        int n = phoneNumber.length();
        return n <= 7 ? "*".repeat(n) : phoneNumber.substring(0, 3) + "*".repeat(n - 7) + phoneNumber.substring(n - 4);
    }

    @Override
    public String toString() {
        return "SmsMessage[" + maskedPhoneNumber() + ", template " + templateCode + ", " + parameters.size() + " parameters]";
    }
}
