package cn.huren.server.portal;

import cn.huren.server.tenancy.Branding;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.Locale;
import java.util.Optional;

/**
 * How a page looks: resolved per request from the tenant's branding, the way Keycloak picks a
 * realm's theme — one set of templates, the tenant supplies title, colour and logo. Pages of the
 * platform itself (no tenant) get the platform theme.
 */
record PortalTheme(String title, String primaryColor, String contrastColor, String logo, String nameZh, String nameEn) {

    static final PortalTheme PLATFORM = new PortalTheme("互认 Huren", "#33475b", "#ffffff", null, "互认平台", "Huren");

    static PortalTheme of(Optional<TenantDescriptor> tenant) {
        return tenant.map(PortalTheme::of).orElse(PLATFORM);
    }

    static PortalTheme of(TenantDescriptor tenant) {
        Branding b = tenant.branding();
        String color = b.primaryColor() == null ? PLATFORM.primaryColor : b.primaryColor().toLowerCase(Locale.ROOT);
        String title = b.title() == null || b.title().isBlank() ? tenant.nameZh() : b.title();
        return new PortalTheme(title, color, contrast(color), b.logo(), tenant.nameZh(), tenant.nameEn());
    }

    /** Black or white text, whichever reads better on the brand colour (WCAG relative luminance). */
    static String contrast(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        double l = 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
        return l > 0.4 ? "#000000" : "#ffffff";
    }

    private static double channel(int value) {
        double c = (value & 0xff) / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    public String name(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
    }
}
