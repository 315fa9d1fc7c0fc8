package cn.huren.server.membership;

/** APP-13, APP-19: an enterprise's one administrator (管理员) or its staff (办事人员). */
public enum MemberRole {
    ADMIN, STAFF
}
