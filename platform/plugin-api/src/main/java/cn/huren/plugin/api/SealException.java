package cn.huren.plugin.api;

/** A seal the host does not accept, with a stable code and a message naming why. */
public class SealException extends PluginProblem {


    public SealException(int status, String code, String message) {
        super(status, code, message);
    }

}
