package cn.huren.server.smscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.TestClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SmsDeliveryTest {

    final TestClock clock = new TestClock();
    final SmsMessage message = new SmsMessage("13912345678", "SMS_CODE", Map.of("code", "123456"));
    /** What the fake provider does on each call, in order; empty: it accepts. */
    final Deque<SmsException.Reason> faults = new ArrayDeque<>();
    final List<SmsMessage> accepted = new CopyOnWriteArrayList<>();
    final List<SmsException.Reason> calls = new CopyOnWriteArrayList<>();
    final SmsSender provider = m -> {
        SmsException.Reason fault;
        synchronized (faults) {
            fault = faults.poll();
        }
        if (fault != null) {
            calls.add(fault);
            throw new SmsException(fault, "isv.TEST", "test fault");
        }
        accepted.add(m);
        return "id-" + accepted.size();
    };
    final SmsDelivery delivery = new SmsDelivery(provider, clock, List.of(Duration.ZERO, Duration.ofMillis(10)), 2);

    @AfterEach
    void stop() throws InterruptedException {
        delivery.destroy();
    }

    @Test
    @DisplayName("an unavailable provider or a timeout is tried again, and the message goes out once")
    void retriesTransientFaults() {
        faults.add(SmsException.Reason.UNAVAILABLE);
        faults.add(SmsException.Reason.TIMEOUT);
        delivery.send(message, clock.instant().plusSeconds(300), "register");
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 1);
        assertThat(calls).containsExactly(SmsException.Reason.UNAVAILABLE, SmsException.Reason.TIMEOUT);
    }

    @Test
    @DisplayName("after the last retry, and after a refusal, nothing more is tried")
    void givesUp() throws InterruptedException {
        faults.add(SmsException.Reason.UNAVAILABLE);
        faults.add(SmsException.Reason.UNAVAILABLE);
        faults.add(SmsException.Reason.UNAVAILABLE);
        faults.add(SmsException.Reason.UNAVAILABLE);
        delivery.send(message, clock.instant().plusSeconds(300), "register");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 3);
        delivery.destroy(); // waits for anything still scheduled
        assertThat(calls).hasSize(3);
        assertThat(accepted).isEmpty();

        SmsDelivery another = new SmsDelivery(provider, clock, List.of(Duration.ZERO), 1);
        synchronized (faults) {
            faults.clear();
            faults.add(SmsException.Reason.REFUSED);
        }
        calls.clear();
        another.send(message, clock.instant().plusSeconds(300), "register");
        another.destroy();
        assertThat(calls).containsExactly(SmsException.Reason.REFUSED);
        assertThat(accepted).isEmpty();
    }

    @Test
    @DisplayName("a message whose code has expired is not sent")
    void expiredNotSent() throws InterruptedException {
        delivery.send(message, clock.instant(), "register");
        delivery.destroy();
        assertThat(accepted).isEmpty();
        assertThat(calls).isEmpty();
    }
}
