package cn.huren.plugin.api;

/** A binding the host refuses, with a stable code (e.g. {@code certificate-required}) and a message. */
public class BindingException extends PluginProblem {


    public BindingException(int status, String code, String message) {
        super(status, code, message);
    }

}
