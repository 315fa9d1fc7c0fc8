package cn.huren.plugin.api;

/** A code that cannot be sent, with a stable code ({@code mobile-invalid}, {@code rate-limited}) and a message. */
public class PhoneCodeException extends PluginProblem {


    public PhoneCodeException(int status, String code, String message) {
        super(status, code, message);
    }

}
