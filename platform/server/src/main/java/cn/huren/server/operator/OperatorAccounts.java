package cn.huren.server.operator;

import cn.huren.server.support.TextInput;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Operator accounts in {@code platform.operator}. On the first start the account {@code admin} is
 * created with HUREN_ADMIN_PASSWORD, or with a random password printed once.
 */
@Component
class OperatorAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final String adminPassword;
    private final Clock clock;
    private volatile String unmatchable;

    OperatorAccounts(JdbcClient jdbc, PasswordEncoder passwords, @Value("${huren.admin-password:}") String adminPassword,
                     Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.adminPassword = adminPassword;
    }

    /** An operator's stored name, password hash, whether the account may sign in, and its role (a reviewer's with its tenant). */
    record Credentials(String username, String passwordHash, boolean enabled, String role, String tenantCode) {
    }

    /** The operator named so, if any (a name no column could hold, e.g. with U+0000, is nobody's). */
    java.util.Optional<Credentials> credentials(String username) {
        if (username == null || TextInput.refusal(username) != null) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select username, password_hash, enabled, role, tenant_code from platform.operator where username = ?")
                .param(username)
                .query((rs, n) -> new Credentials(rs.getString("username"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                        rs.getString("role"), rs.getString("tenant_code")))
                .optional();
    }

    /** The hash of a random password nobody knows, made once: what a disabled account's password is checked against. */
    String unmatchable() {
        String hash = unmatchable;
        if (hash == null) {
            synchronized (this) {
                if (unmatchable == null) {
                    unmatchable = passwords.encode(randomPassword() + randomPassword());
                }
                hash = unmatchable;
            }
        }
        return hash;
    }

    @Override
    public void run(ApplicationArguments args) {
        long operators = jdbc.sql("select count(*) from platform.operator").query(Long.class).single();
        if (operators > 0) {
            return;
        }
        boolean generated = !StringUtils.hasText(adminPassword);
        String password = generated ? randomPassword() : adminPassword;
        int created = jdbc.sql("""
                        insert into platform.operator (username, password_hash, enabled, created_at)
                        values ('admin', ?, true, ?) on conflict (username) do nothing""")
                .params(passwords.encode(password), Timestamp.from(clock.instant()))
                .update();
        if (created == 0) {
            return;
        }
        if (generated) {
            // Printed once, to the console only: it is not kept anywhere in clear text.
            System.out.println("""

                    ==========================================================
                     Huren operator account created: admin / %s
                     This password is shown once. Set HUREN_ADMIN_PASSWORD
                     before the first start to choose it instead.
                    ==========================================================
                    """.formatted(password));
        } else {
            log.info("Operator account 'admin' created with the password from HUREN_ADMIN_PASSWORD");
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
