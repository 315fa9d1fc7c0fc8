package cn.huren.server.tenancy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Operator input for onboarding and maintaining tenants; the console form uses the same rules. */
public final class TenantCommands {

    static final String CODE = "^[a-z][a-z0-9]{1,15}$";
    static final String HOST = "^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$";
    static final String COLOR = "^#[0-9a-fA-F]{6}$";
    static final String LOGO = "^(https://\\S{1,2000}|data:image/(png|jpeg|gif|webp|svg\\+xml);base64,[A-Za-z0-9+/]+=*)$";

    private TenantCommands() {
    }

    public record CreateTenant(
            @NotNull @Pattern(regexp = CODE, message = "{validation.tenant.code}")
            String code,
            @NotBlank @Size(max = 100) String nameZh,
            @NotBlank @Size(max = 100) String nameEn,
            @NotBlank String plugin,
            @Size(max = 10) List<@NotNull @Pattern(regexp = HOST, message = "{validation.host}") String> hosts,
            @Valid BrandingInput branding,
            Map<String, Object> config) {

        public List<String> hostList() {
            return hosts == null ? List.of() : hosts.stream().distinct().toList();
        }

        Branding brandingOrDefault() {
            return branding == null ? new Branding(nameZh, "#1f5fa8", null) : branding.toBranding(nameZh);
        }
    }

    public record BrandingInput(
            @Size(max = 200) String title,
            @Pattern(regexp = COLOR, message = "{validation.color}") String primaryColor,
            @Size(max = 300_000, message = "{validation.logo.size}") @Pattern(regexp = LOGO, message = "{validation.logo}") String logo) {

        public Branding toBranding(String defaultTitle) {
            return new Branding(title == null || title.isBlank() ? defaultTitle : title,
                    primaryColor == null ? "#1f5fa8" : primaryColor.toLowerCase(), logo);
        }
    }
}
