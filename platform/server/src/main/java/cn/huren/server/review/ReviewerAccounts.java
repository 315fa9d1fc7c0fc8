package cn.huren.server.review;

import cn.huren.server.operator.ConsoleRoles;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.TenantDirectory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Tenant reviewers: rows of {@code platform.operator} with role REVIEWER and their tenant's code, made and
 * disabled by a platform operator (API and console), each change in the operation log. They sign in on the
 * console's login like operators (same Argon2 hashes, same {@code LoginThrottle}).
 */
@Service
public class ReviewerAccounts {

    /** A reviewer as operators see it (never its hash). */
    public record Reviewer(String username, String tenant, boolean enabled, Instant createdAt) {
    }

    static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{2,63}$");
    static final int MIN_PASSWORD = 12;

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final TenantDirectory tenants;
    private final OperationLog operations;
    private final Clock clock;

    ReviewerAccounts(JdbcClient jdbc, PasswordEncoder passwords, TenantDirectory tenants, OperationLog operations, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.tenants = tenants;
        this.operations = operations;
        this.clock = clock;
    }

    public List<Reviewer> list(String tenant) {
        tenants.require(tenant);
        return jdbc.sql("select username, tenant_code, enabled, created_at from platform.operator where role = 'REVIEWER' and tenant_code = ? "
                        + "order by username").param(tenant)
                .query((rs, n) -> new Reviewer(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant())).list();
    }

    /** 400 for a bad name or a short password, 404 for an unknown tenant, 409 for a name taken (by anyone: names are the console's). */
    public Reviewer create(String tenant, String username, String password, String via) {
        return operations.record("reviewer.create", tenant, "username=" + username + via, () -> {
            tenants.require(tenant);
            List<FieldError> errors = new ArrayList<>();
            if (username == null || !USERNAME.matcher(username).matches()) {
                errors.add(new FieldError("username", "3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter", "reviewer-username"));
            }
            if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
                errors.add(new FieldError("password", "at least " + MIN_PASSWORD + " characters", "reviewer-password"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            try {
                jdbc.sql("""
                                insert into platform.operator (username, password_hash, enabled, created_at, role, tenant_code)
                                values (?, ?, true, ?, ?, ?)""")
                        .params(username, passwords.encode(password), Timestamp.from(clock.instant()), ConsoleRoles.REVIEWER, tenant).update();
            } catch (DuplicateKeyException e) {
                throw ApiException.conflict("username-taken", "a console account named " + username + " exists already");
            }
            return find(tenant, username);
        });
    }

    /** Disables or enables a reviewer of this tenant (404 for anyone else, an operator included). */
    public Reviewer enable(String tenant, String username, boolean enabled, String via) {
        return operations.record(enabled ? "reviewer.enable" : "reviewer.disable", tenant, "username=" + username + via, () -> {
            tenants.require(tenant);
            int changed = jdbc.sql("update platform.operator set enabled = ? where username = ? and role = 'REVIEWER' and tenant_code = ?")
                    .params(enabled, username, tenant).update();
            if (changed == 0) {
                throw notFound(tenant, username);
            }
            return find(tenant, username);
        });
    }

    /**
     * A reviewer changes its own password: the current one must match (Argon2, as at sign-in), the new one has at
     * least {@value #MIN_PASSWORD} characters and differs from it; 400 (fields {@code oldPassword}, {@code newPassword},
     * each with a code the console words) otherwise, nothing changed. In the operation log as {@code reviewer.password}.
     */
    public void changeOwnPassword(String tenant, String username, String oldPassword, String newPassword, String via) {
        operations.record("reviewer.password", tenant, "username=" + username + via, () -> {
            String hash = jdbc.sql("select password_hash from platform.operator where username = ? and role = 'REVIEWER' and tenant_code = ? "
                            + "and enabled").params(username, tenant).query(String.class).optional()
                    .orElseThrow(() -> notFound(tenant, username));
            List<FieldError> errors = new ArrayList<>();
            if (oldPassword == null || oldPassword.isEmpty() || !passwords.matches(oldPassword, hash)) {
                errors.add(new FieldError("oldPassword", "the current password is wrong", "reviewer-old-password"));
            }
            if (newPassword == null || newPassword.length() < MIN_PASSWORD || newPassword.length() > 200) {
                errors.add(new FieldError("newPassword", "at least " + MIN_PASSWORD + " characters", "reviewer-password"));
            } else if (newPassword.equals(oldPassword)) {
                errors.add(new FieldError("newPassword", "must differ from the current password", "reviewer-password-same"));
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            jdbc.sql("update platform.operator set password_hash = ? where username = ? and role = 'REVIEWER' and tenant_code = ?")
                    .params(passwords.encode(newPassword), username, tenant).update();
            return null;
        });
    }

    private Reviewer find(String tenant, String username) {
        return list(tenant).stream().filter(r -> r.username().equals(username)).findFirst().orElseThrow(() -> notFound(tenant, username));
    }

    private static ApiException notFound(String tenant, String username) {
        return ApiException.notFound("reviewer-not-found", "no reviewer " + username + " of tenant " + tenant);
    }
}
