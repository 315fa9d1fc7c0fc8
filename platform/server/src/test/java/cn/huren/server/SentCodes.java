package cn.huren.server;

import static org.awaitility.Awaitility.await;

import cn.huren.plugin.api.SmsSender;
import cn.huren.server.notification.DevSmsSink;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads codes from the dev SMS sink as a person reads them from the phone. Messages go out after the request
 * answered (smscode.SmsDelivery), so {@link #next} waits for a message to the number it has not handed out yet.
 * Make one before the requests whose codes it reads.
 */
public final class SentCodes {

    private final DevSmsSink sink;
    private final String tenant;
    private final Set<String> handedOut = ConcurrentHashMap.newKeySet();

    /** Reads what is sent from now on: messages the sink already holds count as handed out. */
    public SentCodes(SmsSender sender, String tenant) {
        this.sink = (DevSmsSink) sender;
        this.tenant = tenant;
        sink.recent(tenant).forEach(s -> handedOut.add(s.messageId()));
    }

    /** The code of the newest message to {@code mobile} not handed out before, waiting up to 10 s for it. */
    public String next(String mobile) {
        DevSmsSink.Sent sent = await("an SMS to " + mobile).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> newest(mobile).filter(s -> !handedOut.contains(s.messageId())), Optional::isPresent).orElseThrow();
        handedOut.add(sent.messageId());
        return sent.message().parameters().get("code");
    }

    /** The newest message to {@code mobile} now, handed out or not (no waiting). */
    public Optional<DevSmsSink.Sent> newest(String mobile) {
        return sink.recent(tenant).stream().filter(s -> s.message().phoneNumber().equals(mobile)).findFirst();
    }
}
