package cn.huren.server.portal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notice (通知公告) on a province's portal. Tenant data: lives in the tenant's schema. */
@Entity
@Table(name = "notice")
class Notice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;
    private String body;
    private Instant publishedAt;

    protected Notice() {
    }

    Notice(String title, String body) {
        this.title = title;
        this.body = body;
        this.publishedAt = Instant.now();
    }

    NoticeView view() {
        return new NoticeView(id, title, body, publishedAt);
    }

    record NoticeView(Long id, String title, String body, Instant publishedAt) {
    }
}
