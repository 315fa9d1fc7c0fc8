/**
 * The in-app notice centre of accounts (docs/notifications.md): {@code Notices} sends notices to an account or to
 * whoever receives a party's notices ({@code NoticeRecipients}), lists them newest first with an unread count and
 * marks them read, each only for the account itself; the host's {@link cn.huren.plugin.api.NoticeSender} for plugins.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"session", "support", "tenancy"})
package cn.huren.server.notice;
