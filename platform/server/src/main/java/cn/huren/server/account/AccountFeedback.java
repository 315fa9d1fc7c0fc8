package cn.huren.server.account;

import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.InputValidator;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantData;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** APP-105: feedback (意见反馈) of a real-name verified account, and the account's earlier feedback. */
@Component
public class AccountFeedback {

    public enum Category { SUGGESTION, PROBLEM, COMPLAINT, OTHER }

    /** POST /me/account/feedback: a category and 1 to 500 characters. */
    public record NewFeedback(String category, String text) {
    }

    public record FeedbackView(long id, Category category, String text, Instant createdAt) {
    }

    static final int MAX_TEXT = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonAccounts accounts;
    private final Clock clock;

    AccountFeedback(TenantData data, PlatformTransactionManager transactions, PersonAccounts accounts, Clock clock) {
        this.jdbc = data.jdbc();
        this.tx = new TransactionTemplate(transactions);
        this.accounts = accounts;
        this.clock = clock;
    }

    public FeedbackView submit(PartyAccess me, NewFeedback feedback) {
        long id = accounts.require(me);
        accounts.requireRealName(id);
        List<ApiException.FieldError> errors = new ArrayList<>();
        Category category = feedback.category() == null ? null : InputValidator.oneOf(Category.class, feedback.category(), "category", errors);
        if (feedback.category() == null) {
            errors.add(new ApiException.FieldError("category", "required: one of " + java.util.Arrays.toString(Category.values())));
        }
        String text = feedback.text() == null ? "" : feedback.text().strip();
        if (text.isEmpty()) {
            errors.add(new ApiException.FieldError("text", "required"));
        } else {
            ApiException.FieldError error = TextInput.error("text", text, MAX_TEXT, false);
            if (error != null) {
                errors.add(error);
            }
        }
        PersonAccounts.refuseIfAny(errors);
        Instant now = clock.instant();
        long feedbackId = tx.execute(s -> {
            accounts.lockActive(id);
            long newId = jdbc.sql("insert into account_feedback (account_id, category, text, created_at) values (?, ?, ?, ?) returning id")
                    .params(id, category.name(), text, Timestamp.from(now)).query(Long.class).single();
            accounts.record(id, me.actor(), "feedback-submitted", Map.of("feedbackId", newId, "category", category.name()));
            return newId;
        });
        return new FeedbackView(feedbackId, category, text, now);
    }

    /** The account's own feedback, newest first. */
    public List<FeedbackView> list(PartyAccess me) {
        long id = accounts.require(me);
        accounts.requireRealName(id);
        return tx.execute(s -> jdbc.sql("select id, category, text, created_at from account_feedback where account_id = ? order by created_at desc, id desc")
                .param(id).query((rs, n) -> new FeedbackView(rs.getLong(1), Category.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant())).list());
    }
}
