package cn.huren.server.department;

import java.time.Instant;

/**
 * A department of an enterprise.
 *
 * @param parentId null for a first-level department, directly under the company (APP-70)
 * @param level 1 under the company, 2 or 3 below another department
 */
public record Department(long id, long enterpriseId, Long parentId, String name, int level, Instant createdAt, Instant updatedAt,
                         long version) {
}
