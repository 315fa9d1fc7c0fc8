package cn.huren.server.review;

import cn.huren.server.ledger.ChangeLedger;
import cn.huren.server.operator.OperationLog;
import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantDirectory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenant reviewer's queue. Features {@link #submit} items (in their own transaction, in the current
 * tenant) and {@link #withdraw} them; a reviewer approves or rejects an OPEN item with a reason, and the
 * kind's {@link ReviewHandler} acts on it in the same transaction. Every change of an item is on the
 * ledger ({@code review-item}); decisions are in the operation log too.
 */
@Service
public class ReviewQueue {

    private static final String LEDGER_TYPE = "review-item";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ChangeLedger ledger;
    private final TenantDirectory tenants;
    private final OperationLog operations;
    private final Clock clock;
    /** Lazily: a feature's handler may itself submit items. */
    private final ObjectProvider<ReviewHandler> handlers;
    private final DecisionNotices notices;

    ReviewQueue(TenantData data, TransactionTemplate tx, ChangeLedger ledger, TenantDirectory tenants, OperationLog operations, Clock clock,
                ObjectProvider<ReviewHandler> handlers, DecisionNotices notices) {
        this.notices = notices;
        this.jdbc = data.jdbc();
        this.tx = tx;
        this.ledger = ledger;
        this.tenants = tenants;
        this.operations = operations;
        this.clock = clock;
        this.handlers = handlers;
    }

    /** How a reviewer is named as actor (ledger, decided_by). */
    public static String reviewer(String username) {
        return "reviewer:" + username;
    }

    /**
     * A new OPEN item in the current tenant, in the caller's transaction (so it exists exactly when the
     * feature's request does). One open item per subject: a second is a 409.
     */
    public ReviewItem submit(String kind, String subjectRef, String summary, String submittedBy) {
        String text = TextInput.storable(summary == null ? "" : summary.strip(), 1000);
        return tx.execute(s -> {
            if (open(kind, subjectRef).isPresent()) {
                throw ApiException.conflict("review-open", "a review of " + kind + " " + subjectRef + " is open already");
            }
            long id;
            try {
                id = jdbc.sql("""
                                insert into review_item (kind, subject_ref, summary, status, submitted_by, created_at)
                                values (?, ?, ?, 'OPEN', ?, ?) returning id""")
                        .params(kind, subjectRef, text, submittedBy, Timestamp.from(clock.instant())).query(Long.class).single();
            } catch (org.springframework.dao.DuplicateKeyException concurrent) {
                // the same subject submitted meanwhile (uk_review_item_open): the caller's transaction is lost anyway
                throw ApiException.conflict("review-open", "a review of " + kind + " " + subjectRef + " is open already");
            }
            ledger.append(submittedBy, LEDGER_TYPE, Long.toString(id), "SUBMIT", Map.of("kind", kind, "subject", subjectRef, "summary", text));
            return find(id).orElseThrow();
        });
    }

    /**
     * The submitter withdraws its request: the open item (if any) is WITHDRAWN, in the caller's transaction.
     * It locks the item first, as a decision does, so call it before locking the feature's own row: a
     * decision (item, then the feature's row) and a withdrawal then never wait for each other in turn.
     */
    public Optional<ReviewItem> withdraw(String kind, String subjectRef, String actor) {
        return tx.execute(s -> jdbc.sql("select * from review_item where kind = ? and subject_ref = ? and status = 'OPEN' for update")
                .params(kind, subjectRef).query(ReviewQueue::item).optional().map(item -> {
            close(item.id(), ReviewItem.Status.WITHDRAWN, null, actor);
            ledger.append(actor, LEDGER_TYPE, Long.toString(item.id()), "WITHDRAW", Map.of("kind", kind, "subject", subjectRef));
            return find(item.id()).orElseThrow();
        }));
    }

    /** The open item about a subject, in the current tenant. */
    public Optional<ReviewItem> open(String kind, String subjectRef) {
        return jdbc.sql("select * from review_item where kind = ? and subject_ref = ? and status = 'OPEN'")
                .params(kind, subjectRef).query(ReviewQueue::item).optional();
    }

    /**
     * A decision on the open item about a subject, made from the feature's own page or API, in the
     * current tenant and the caller's transaction; empty when there is no open item (decided already or
     * never submitted: the caller decides alone).
     */
    public Optional<ReviewItem> decideOpen(String kind, String subjectRef, boolean approve, String reason, String reviewer) {
        return tx.execute(s -> open(kind, subjectRef).map(item -> decide(item.id(), approve, reason, reviewer)));
    }

    /** One page of a tenant's items, newest first, and how many there are in all. */
    public record Page(int page, int size, long total, List<ReviewItem> items) {
    }

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** {@code status} null: every status. Newest first; {@code page} from 0, {@code size} 1 to {@value #MAX_PAGE_SIZE} (400 otherwise). */
    public Page list(String tenant, ReviewItem.Status status, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.invalid(List.of(page < 0 ? new ApiException.FieldError("page", "page starts at 0")
                    : new ApiException.FieldError("size", "size is 1 to " + MAX_PAGE_SIZE)));
        }
        String state = status == null ? null : status.name();
        return tenants.callAs(tenant, () -> tx.execute(s -> {
            long total = jdbc.sql("select count(*) from review_item where (cast(? as varchar) is null or status = ?)")
                    .params(state, state).query(Long.class).single();
            List<ReviewItem> items = jdbc.sql("select * from review_item where (cast(? as varchar) is null or status = ?) "
                            + "order by id desc limit ? offset ?") // newest submitted first; ix_review_item_status
                    .params(state, state, size, (long) page * size).query(ReviewQueue::item).list();
            return new Page(page, size, total, items);
        }));
    }

    public ReviewItem get(String tenant, long id) {
        return tenants.callAs(tenant, () -> find(id).orElseThrow(() -> notFound(id)));
    }

    /** The kind's console page for the item's subject, if its feature has one. */
    public String page(String tenant, ReviewItem item) {
        return handlers.orderedStream().filter(h -> h.decides(item.kind())).findFirst().map(h -> h.page(tenant, item)).orElse(null);
    }

    /** What the kind's feature shows the reviewer of the item's subject (label → value); empty when it shows nothing. */
    public Map<String, String> details(String tenant, ReviewItem item) {
        return handlers.orderedStream().filter(h -> h.decides(item.kind())).findFirst()
                .map(h -> tenants.callAs(tenant, () -> tx.execute(s -> h.details(item)))).orElse(Map.of());
    }

    public ReviewItem approve(String tenant, long id, String reviewer, String via) {
        return operations.record("review.approve", tenant, "id=" + id + via,
                () -> tenants.callAs(tenant, () -> tx.execute(s -> decide(id, true, null, reviewer))));
    }

    public ReviewItem reject(String tenant, long id, String reason, String reviewer, String via) {
        String why = requireReason(reason);
        return operations.record("review.reject", tenant, "id=" + id + via,
                () -> tenants.callAs(tenant, () -> tx.execute(s -> decide(id, false, why, reviewer))));
    }

    /** A rejection's reason: 1 to 1000 characters, or 400. */
    public static String requireReason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 1000) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("reason", "a rejection needs a reason (at most 1000 characters)",
                    "reject-reason")));
        }
        return why;
    }

    /** In a transaction: the item locked, OPEN, its handler acts, then the item is closed, the ledger told and the party the item is about notified. */
    private ReviewItem decide(long id, boolean approve, String reason, String reviewer) {
        String why = approve ? null : requireReason(reason);
        ReviewItem item = jdbc.sql("select * from review_item where id = ? for update").param(id).query(ReviewQueue::item).optional()
                .orElseThrow(() -> notFound(id));
        if (item.status() != ReviewItem.Status.OPEN) {
            throw ApiException.conflict("review-decided", "review item " + id + " is " + item.status() + ", decided already");
        }
        ReviewHandler handler = handlers.orderedStream().filter(h -> h.decides(item.kind())).findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "review-kind-unknown", "no feature decides items of kind " + item.kind()));
        if (approve) {
            handler.approved(item, reviewer);
        } else {
            handler.rejected(item, why, reviewer);
        }
        ReviewItem.Status status = approve ? ReviewItem.Status.APPROVED : ReviewItem.Status.REJECTED;
        close(id, status, why, reviewer);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("kind", item.kind());
        content.put("subject", item.subjectRef());
        if (why != null) {
            content.put("reason", why);
        }
        ledger.append(reviewer, LEDGER_TYPE, Long.toString(id), approve ? "APPROVE" : "REJECT", content);
        handler.subject(TenantContext.require().code(), item).ifPresent(subject -> notices.tell(subject, approve, why));
        return find(id).orElseThrow();
    }

    private void close(long id, ReviewItem.Status status, String reason, String actor) {
        jdbc.sql("update review_item set status = ?, decided_by = ?, decided_at = ?, reason = ? where id = ?")
                .params(status.name(), actor, Timestamp.from(clock.instant()), reason, id).update();
    }

    private Optional<ReviewItem> find(long id) {
        return jdbc.sql("select * from review_item where id = ?").param(id).query(ReviewQueue::item).optional();
    }

    static ApiException notFound(long id) {
        return ApiException.notFound("review-item-not-found", "no review item " + id + " in this tenant");
    }

    private static ReviewItem item(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new ReviewItem(rs.getLong("id"), rs.getString("kind"), rs.getString("subject_ref"), rs.getString("summary"),
                ReviewItem.Status.valueOf(rs.getString("status")), rs.getString("submitted_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("decided_by"), decided == null ? null : decided.toInstant(), rs.getString("reason"));
    }
}
