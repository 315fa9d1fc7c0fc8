package cn.huren.server.smscode;

import cn.huren.plugin.api.PhoneCodeException;
import cn.huren.plugin.api.PhoneCodes;
import cn.huren.server.support.ApiException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@link PhoneCodes} host service of one plugin (plugins/HostServices): {@link SmsCodes} with the purpose
 * namespaced by the plugin's id ({@code neimenggu.binding}), so that a plugin's code never passes a core check
 * (core purposes have no dot) nor another plugin's. The request's client address counts towards the limits.
 */
@Component
public class PluginPhoneCodes {

    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]*");

    private final SmsCodes codes;

    PluginPhoneCodes(SmsCodes codes) {
        this.codes = codes;
    }

    public PhoneCodes of(String pluginId) {
        if (pluginId == null || !WORD.matcher(pluginId).matches()) {
            throw new IllegalArgumentException("plugin id " + pluginId + " cannot name SMS code purposes");
        }
        return new PhoneCodes() {
            @Override
            public void send(String purpose, String mobile) {
                String namespaced = purpose(pluginId, purpose);
                try {
                    codes.issue(mobile, namespaced, address());
                } catch (ApiException e) {
                    throw refusal(e);
                }
            }

            @Override
            public boolean check(String purpose, String mobile, String code) {
                String namespaced = purpose(pluginId, purpose);
                try {
                    codes.verify(mobile, namespaced, code);
                    return true;
                } catch (ApiException e) {
                    if (e.kind().startsWith("sms-code-")) { // wrong, used, expired or locked: counted by SmsCodes
                        return false;
                    }
                    throw refusal(e);
                }
            }
        };
    }

    static String purpose(String pluginId, String purpose) {
        String namespaced = pluginId + "." + purpose;
        if (purpose == null || !WORD.matcher(purpose).matches() || namespaced.length() > 32) {
            throw new IllegalArgumentException("purpose must be lower-case letters, digits or '-', at most "
                    + (31 - pluginId.length()) + " characters");
        }
        return namespaced;
    }

    private static PhoneCodeException refusal(ApiException e) {
        if (e.status().value() == 429) {
            long seconds = e.retryAfterSeconds().orElse(60);
            return new PhoneCodeException(429, "rate-limited", e.getMessage() + "; try again in " + seconds + " s");
        }
        if ("validation".equals(e.kind())) {
            return new PhoneCodeException(400, "mobile-invalid", "must be a mainland China mobile number: 11 digits starting 13 to 19");
        }
        return new PhoneCodeException(e.status().value(), e.kind(), e.getMessage());
    }

    private static String address() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRemoteAddr() : null;
    }
}
