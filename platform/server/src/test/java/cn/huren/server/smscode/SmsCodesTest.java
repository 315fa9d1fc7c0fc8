package cn.huren.server.smscode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.huren.plugin.api.SmsSender;
import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.SentCodes;
import cn.huren.server.Tenants;
import cn.huren.server.TestClock;
import cn.huren.server.notification.DevSmsSink;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.Hashes;
import cn.huren.server.support.TooManyRequests;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** SMS codes (issue 15, item 4): 6 digits, 5 minutes, 5 tries, single use, rate-limited in the tenant's table. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmsCodesTest {

    static final String TENANT = "smscodes";
    static final String PURPOSE = "register";

    @LocalServerPort
    int port;
    @Autowired
    SmsCodes codes;
    @Autowired
    SmsSender sender;
    @Autowired
    TenantDirectory tenants;
    @Autowired
    TestClock clock;
    @Autowired
    TenantData data;

    SentCodes sent;

    /** Each test its own number and address, so that their rate limits never meet. */
    final AtomicInteger next = new AtomicInteger();

    @BeforeAll
    void setUp() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body(TENANT, "jiangsu"));
        sent = new SentCodes(sender, TENANT);
    }

    @AfterEach
    void putClockBack() {
        clock.reset();
    }

    @Test
    @DisplayName("a code issued by SMS verifies once; it is 6 digits and only its hash is stored; nothing logged shows the code or the number")
    void issueAndVerify() {
        String phone = phone();
        String code;
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger smsCodes = (Logger) LoggerFactory.getLogger(SmsCodes.class);
        logged.start();
        smsCodes.addAppender(logged);
        try {
            code = issue(phone);
            assertThat(code).matches("[0-9]{6}");
            String sent = code;
            as(() -> codes.verify(phone, PURPOSE, sent));
            assertThat(logged.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(sent).doesNotContain(phone).contains(phone.substring(0, 3) + "****" + phone.substring(7)));
        } finally {
            smsCodes.detachAppender(logged);
        }
        List<String> stored = tenants.callAs(TENANT, () -> data.jdbc().sql("select code_hash || ' ' || salt from sms_code where phone = ?")
                .param(phone).query(String.class).list());
        assertThat(stored).singleElement().satisfies(row -> {
            String[] hashAndSalt = row.split(" ");
            assertThat(hashAndSalt[0]).isEqualTo(Hashes.sha256Hex(hashAndSalt[1] + code)).doesNotContain(code);
        });
    }

    @Test
    @DisplayName("a code is single use")
    void singleUse() {
        String phone = phone();
        String code = issue(phone);
        as(() -> codes.verify(phone, PURPOSE, code));
        assertRefused(() -> codes.verify(phone, PURPOSE, code), "sms-code-invalid");
    }

    @Test
    @DisplayName("a newer code makes an older one unusable, also once the newer one is used")
    void olderCodeStaysDead() {
        String phone = phone();
        String older = issue(phone);
        clock.move(Duration.ofSeconds(61));
        String newer = issue(phone);
        if (!older.equals(newer)) {
            assertRefused(() -> codes.verify(phone, PURPOSE, older), "sms-code-invalid");
        }
        as(() -> codes.verify(phone, PURPOSE, newer));
        assertRefused(() -> codes.verify(phone, PURPOSE, older), "sms-code-invalid");
    }

    @Test
    @DisplayName("15 wrong tries of one number's codes within a day lock every code of it, whatever the purpose, until the day has passed")
    void wrongTriesPerDay() {
        String phone = phone();
        for (String purpose : List.of("register", "login", "reset-password")) {
            String code = issueFor(phone, purpose);
            String wrong = code.equals("000000") ? "000001" : "000000";
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> as(() -> codes.verify(phone, purpose, wrong))).isInstanceOf(ApiException.class);
            }
            clock.move(Duration.ofSeconds(61));
        }
        String fresh = issueFor(phone, "set-password");
        assertRefused(() -> codes.verify(phone, "set-password", fresh), "sms-code-locked");
        clock.move(Duration.ofDays(1));
        String tomorrow = issueFor(phone, "set-password");
        as(() -> codes.verify(phone, "set-password", tomorrow));
    }

    @Test
    @DisplayName("5 wrong codes lock the code; the right one is refused afterwards")
    void fiveWrongTriesLock() {
        String phone = phone();
        String code = issue(phone);
        String wrong = code.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 4; i++) {
            assertRefused(() -> codes.verify(phone, PURPOSE, wrong), "sms-code-invalid");
        }
        assertRefused(() -> codes.verify(phone, PURPOSE, wrong), "sms-code-locked");
        assertRefused(() -> codes.verify(phone, PURPOSE, code), "sms-code-locked");
    }

    @Test
    @DisplayName("a code expires after 5 minutes on the clock")
    void expiry() {
        String phone = phone();
        String code = issue(phone);
        clock.move(Duration.ofMinutes(5));
        assertRefused(() -> codes.verify(phone, PURPOSE, code), "sms-code-expired");
        clock.move(Duration.ofMinutes(-1));
        as(() -> codes.verify(phone, PURPOSE, code)); // 4:00 after issue it still works
    }

    @Test
    @DisplayName("codes issued more than a day ago are purged; younger ones, which the limits still count, stay")
    void purge() {
        String old = phone();
        issue(old);
        clock.move(Duration.ofHours(23));
        String young = phone();
        issue(young);
        clock.move(Duration.ofHours(1).plusSeconds(1));
        tenants.callAs(TENANT, () -> codes.purgeOld());
        List<String> left = tenants.callAs(TENANT, () -> data.jdbc().sql("select phone from sms_code where phone in (?, ?)")
                .params(old, young).query(String.class).list());
        assertThat(left).containsExactly(young);
    }

    @Test
    @DisplayName("one code a minute per number (429 with Retry-After), five an hour")
    void rateLimitPerPhone() {
        String phone = phone();
        issue(phone);
        assertThatThrownBy(() -> as(() -> codes.issue(phone, PURPOSE, null)))
                .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                    assertThat(e.kind()).isEqualTo("sms-code-rate-limited");
                    assertThat(e.retryAfterSeconds().getAsLong()).isBetween(1L, 60L);
                });
        for (int i = 0; i < 4; i++) {
            clock.move(Duration.ofSeconds(61));
            issue(phone);
        }
        clock.move(Duration.ofSeconds(61));
        assertRefused(() -> codes.issue(phone, PURPOSE, null), "sms-code-rate-limited");
        // another purpose of the same number has its own allowance
        String other = tenants.callAs(TENANT, () -> {
            codes.issue(phone, "reset-password", null);
            return "ok";
        });
        assertThat(other).isEqualTo("ok");
    }

    @Test
    @DisplayName("a number gets at most 10 codes an hour and 20 a day from all portals together, whatever the purpose; "
            + "each portal's own limits would add up")
    void rateLimitAcrossPortals() {
        HttpApi operator = HttpApi.operator(port);
        for (String t : List.of("smsall1", "smsall2", "smsall3")) {
            assertThat(operator.post("/api/platform/tenants", Tenants.body(t, "jiangsu")).status()).isEqualTo(201);
        }
        String phone = phone();
        codes.allPortals(SmsCodes.ALL_PORTALS_HOUR, SmsCodes.ALL_PORTALS_DAY);
        try {
            int sent = 0;
            for (String purpose : List.of("register", "login", "reset-password", "set-password")) {
                for (String t : List.of("smsall1", "smsall2", "smsall3")) {
                    if (sent < 10) {
                        tenants.callAs(t, () -> {
                            codes.issue(phone, purpose, null);
                            return null;
                        });
                        sent++;
                    }
                }
            }
            assertThatThrownBy(() -> tenants.callAs("smsall3", () -> {
                codes.issue(phone, "set-password", null);
                return null;
            })).as("the 11th in the hour, on a portal and purpose it was not sent before")
                    .isInstanceOfSatisfying(TooManyRequests.class, e -> {
                        assertThat(e.kind()).isEqualTo("sms-code-rate-limited");
                        assertThat(e.getMessage()).contains("all portals");
                        assertThat(e.retryAfterSeconds().getAsLong()).isBetween(3000L, 3600L);
                    });
            assertThat(tenants.callAs("smsall3", () -> data.jdbc().sql("select count(*) from sms_code where phone = ?").param(phone)
                    .query(Long.class).single())).as("nothing stored for the refused one").isEqualTo(3);
            clock.move(Duration.ofMinutes(61));
            for (String t : List.of("smsall1", "smsall2", "smsall3")) {
                for (String purpose : List.of("register", "login", "reset-password", "set-password")) {
                    if (sent < 20) {
                        tenants.callAs(t, () -> {
                            codes.issue(phone, purpose, null);
                            return null;
                        });
                        sent++;
                    }
                }
            }
            clock.move(Duration.ofMinutes(61));
            assertRefused(() -> codes.issue(phone, "register", null), "sms-code-rate-limited");
            assertThat(sent).isEqualTo(20);
            clock.move(Duration.ofHours(22));
            as(() -> codes.issue(phone, "register", null));
        } finally {
            codes.allPortals(100_000, 100_000);
        }
    }

    @Test
    @DisplayName("at most 20 codes an hour from one client address")
    void rateLimitPerAddress() {
        String address = "203.0.113." + (100 + next.incrementAndGet());
        for (int i = 0; i < 20; i++) {
            String phone = phone();
            as(() -> codes.issue(phone, PURPOSE, address));
        }
        String phone = phone();
        assertRefused(() -> codes.issue(phone, PURPOSE, address), "sms-code-rate-limited");
        as(() -> codes.issue(phone, PURPOSE, "203.0.113.250"));
    }

    @Test
    @DisplayName("two concurrent verifies of the same right code: exactly one succeeds")
    void concurrentVerifies() throws Exception {
        String phone = phone();
        String code = issue(phone);
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(CompletableFuture.supplyAsync(() -> tenants.callAs(TENANT, () -> {
                try {
                    start.await();
                    codes.verify(phone, PURPOSE, code);
                    return "ok";
                } catch (ApiException e) {
                    return e.kind();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })));
        }
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> r : results) {
            outcomes.add(r.get());
        }
        assertThat(outcomes).containsExactlyInAnyOrder("ok", "sms-code-invalid");
    }

    @Test
    @DisplayName("a number that is not a mainland mobile number is a field error")
    void phoneValidated() {
        assertThatThrownBy(() -> as(() -> codes.issue("12345678901", PURPOSE, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo("validation");
                    assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("phone"));
                });
    }

    private String phone() {
        return "139%08d".formatted(next.incrementAndGet());
    }

    /** Issues a code and reads it back from the dev sink. */
    private String issue(String phone) {
        return issueFor(phone, PURPOSE);
    }

    private String issueFor(String phone, String purpose) {
        as(() -> codes.issue(phone, purpose, null));
        return sent.next(phone);
    }

    private void as(Runnable work) {
        tenants.callAs(TENANT, () -> {
            work.run();
            return null;
        });
    }

    private void assertRefused(Runnable work, String kind) {
        assertThatThrownBy(() -> as(work)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
