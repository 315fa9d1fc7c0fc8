package cn.huren.server.notice;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.plugin.api.NoticeSender;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notice centre of the current tenant's accounts (docs/notifications.md). Sending joins the caller's
 * transaction; reading and marking take the account whose notices they are, and an id of another account's
 * notice is {@code notice-not-found} (404), as if it did not exist.
 */
@Service
public class Notices implements NoticeSender {

    /** One page of an account's notices, newest first, with the account's unread count. */
    public record Page(int page, int size, long total, long unread, List<AccountNotice> items) {
    }

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final List<NoticeRecipients> recipients;

    Notices(TenantData data, PlatformTransactionManager transactions, Clock clock, List<NoticeRecipients> recipients) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.recipients = List.copyOf(recipients);
    }

    @Override
    public long toAccount(long accountId, Notice notice) {
        return tx.execute(s -> {
            boolean active = jdbc.sql("select count(*) from account where id = ? and status = 'ACTIVE'")
                    .param(accountId).query(Long.class).single() > 0;
            if (!active) {
                throw new IllegalArgumentException("no active account " + accountId + " in this tenant");
            }
            return insert(accountId, notice);
        });
    }

    @Override
    public int toParty(long partyId, Notice notice) {
        return tx.execute(s -> {
            Set<Long> accounts = new TreeSet<>();
            recipients.forEach(r -> accounts.addAll(r.accountsOf(partyId)));
            accounts.forEach(account -> insert(account, notice));
            return accounts.size();
        });
    }

    /** The account's notices, newest first; {@code page} from 0, {@code size} 1 to {@value #MAX_PAGE_SIZE}. */
    public Page list(long accountId, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid(List.of(new ApiException.FieldError(page < 0 ? "page" : "size",
                    page < 0 ? "page starts at 0" : "size is 1 to " + MAX_PAGE_SIZE)));
        }
        return tx.execute(s -> {
            long total = jdbc.sql("select count(*) from account_notice where account_id = ?").param(accountId).query(Long.class).single();
            List<AccountNotice> items = jdbc.sql("select * from account_notice where account_id = ? order by created_at desc, id desc limit ? offset ?")
                    .params(accountId, size, (long) page * size).query(Notices::row).list();
            return new Page(page, size, total, unreadCount(accountId), items);
        });
    }

    public long unreadCount(long accountId) {
        return jdbc.sql("select count(*) from account_notice where account_id = ? and read_at is null")
                .param(accountId).query(Long.class).single();
    }

    /** Marks one of the account's notices read (again is a no-op) and returns it; another account's id is 404. */
    public AccountNotice markRead(long accountId, long noticeId) {
        return tx.execute(s -> {
            jdbc.sql("update account_notice set read_at = ? where id = ? and account_id = ? and read_at is null")
                    .params(Timestamp.from(clock.instant()), noticeId, accountId).update();
            return jdbc.sql("select * from account_notice where id = ? and account_id = ?").params(noticeId, accountId)
                    .query(Notices::row).optional()
                    .orElseThrow(() -> ApiException.notFound("notice-not-found", "no such notice"));
        });
    }

    /** Marks every unread notice of the account read; returns how many were unread. */
    public int markAllRead(long accountId) {
        return tx.execute(s -> jdbc.sql("update account_notice set read_at = ? where account_id = ? and read_at is null")
                .params(Timestamp.from(clock.instant()), accountId).update());
    }

    private long insert(long accountId, Notice n) {
        return jdbc.sql("""
                        insert into account_notice (account_id, kind, title_zh, title_en, body_zh, body_en, link, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(accountId, n.kind().name(), n.titleZh(), n.titleEn(), n.bodyZh(), n.bodyEn(), n.link(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    private static AccountNotice row(ResultSet rs, int n) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return new AccountNotice(rs.getLong("id"), NoticeKind.valueOf(rs.getString("kind")), rs.getString("title_zh"),
                rs.getString("title_en"), rs.getString("body_zh"), rs.getString("body_en"), rs.getString("link"),
                rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
    }
}
