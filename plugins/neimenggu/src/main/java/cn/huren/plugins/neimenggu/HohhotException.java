package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;

/**
 * A call to Hohhot's platform that did not succeed. It is a {@link PluginProblem}: left uncaught, the person sees a
 * problem (502/503/504, type {@code hohhot-<reason>}) with a bilingual message, never a stack trace.
 */
class HohhotException extends PluginProblem {

    enum Reason {
        /** No base URL (and no sandbox): the tenant's configuration lacks Hohhot (NMG-01). */
        NOT_CONFIGURED("not-configured", 503, "呼和浩特平台接口尚未配置", "Hohhot's platform API is not configured"),
        /** Connection refused or reset, DNS failure, TLS failure. */
        UNREACHABLE("unreachable", 502, "呼和浩特平台暂时无法连接，请稍后重试", "Hohhot's platform is not reachable; try again later"),
        /** No complete answer (headers and body) within {@code hohhotTimeoutMillis}. */
        TIMEOUT("timeout", 504, "呼和浩特平台响应超时，请稍后重试", "Hohhot's platform did not answer in time; try again later"),
        /** An answer other than the contract's 2xx (the status and Hohhot's problem type are kept). */
        HTTP_STATUS("http-status", 502, "呼和浩特平台拒绝了请求", "Hohhot's platform refused the request"),
        /** A 2xx whose body is not the contract's JSON (or is too large). */
        MALFORMED("malformed", 502, "呼和浩特平台返回了无法识别的应答", "Hohhot's platform answered with something unreadable");

        final String code;
        final int status;
        final String zh;
        final String en;

        Reason(String code, int status, String zh, String en) {
            this.code = code;
            this.status = status;
            this.zh = zh;
            this.en = en;
        }
    }

    private final Reason reason;
    private final String detail;
    private final int httpStatus;
    private final String problemType;

    HohhotException(Reason reason, String detail) {
        this(reason, detail, 0, null);
    }

    HohhotException(Reason reason, String detail, int httpStatus, String problemType) {
        super(reason.status, "hohhot-" + reason.code, reason.zh + " / " + reason.en);
        this.reason = reason;
        this.detail = detail;
        this.httpStatus = httpStatus;
        this.problemType = problemType;
    }

    Reason reason() {
        return reason;
    }

    /** For the log only (what went wrong, technically); never shown to a person. */
    String detail() {
        return detail;
    }

    /** Hohhot's HTTP status for {@link Reason#HTTP_STATUS}, else 0. */
    int httpStatus() {
        return httpStatus;
    }

    /** The {@code type} of Hohhot's problem answer (e.g. {@code integrity-read-only}), when it sent one. */
    String problemType() {
        return problemType;
    }

    @Override
    public String toString() {
        return "HohhotException[" + reason.code + (httpStatus > 0 ? " " + httpStatus : "") + (problemType != null ? " " + problemType : "")
                + ": " + detail + "]";
    }
}
