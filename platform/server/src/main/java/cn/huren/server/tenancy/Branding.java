package cn.huren.server.tenancy;

/** How a tenant's portal looks: title, primary colour (#rrggbb) and logo (https URL or data URI). */
public record Branding(String title, String primaryColor, String logo) {
}
