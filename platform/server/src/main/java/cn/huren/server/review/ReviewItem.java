package cn.huren.server.review;

import java.time.Instant;

/**
 * One item in a tenant's review queue: what {@code kind} of request, which subject it is about (the
 * feature's own reference, e.g. the application's id), a summary the reviewer reads, and the decision.
 */
public record ReviewItem(long id, String kind, String subjectRef, String summary, Status status, String submittedBy, Instant createdAt,
                         String decidedBy, Instant decidedAt, String reason) {

    /** OPEN until a reviewer decides it (APPROVED, REJECTED) or its submitter withdraws the request (WITHDRAWN). */
    public enum Status { OPEN, APPROVED, REJECTED, WITHDRAWN }
}
