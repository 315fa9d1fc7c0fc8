package cn.huren.plugin.api;

/**
 * Host service: confirms that a person holds a mobile number with a one-time SMS code (6 digits, valid 5 minutes,
 * stored hashed, the core's rate limits and lock-outs), through the tenant's SMS provider or the dev sink in
 * sandboxes. {@code purpose} (the plugin's word, e.g. {@code binding}) keeps codes of different steps apart.
 */
public interface PhoneCodes {

    /**
     * Sends a code; answers alike whether or not the number is known. Delivery happens after the request, with
     * retries.
     *
     * @throws PhoneCodeException {@code mobile-invalid}, or {@code rate-limited} (with the seconds to wait in the message)
     */
    void send(String purpose, String mobile);

    /**
     * Whether the code is the number's newest unused code for the purpose; a right code is used up, wrong tries count
     * towards the lock-out.
     */
    boolean check(String purpose, String mobile, String code);
}
