package cn.huren.plugin.api;

/**
 * Host service: sends one templated text message through the SMS provider the host is configured
 * with (a real provider, or in demo mode and sandboxes the dev sink that only keeps and logs it).
 * The template and its sign name are registered with the provider beforehand; the host never sends
 * free text. The message's parameters (often a one-time code) are never logged in clear by the host.
 */
public interface SmsSender {

    /**
     * @return the provider's id of the accepted message (e.g. Alibaba Cloud's {@code BizId})
     * @throws SmsException when the provider refuses the message, cannot be reached or does not answer in time;
     *     nothing was sent then as far as the host knows
     */
    String send(SmsMessage message);
}
