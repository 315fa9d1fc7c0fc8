package cn.huren.server.session;

import cn.huren.server.support.ApiException.FieldError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's login policy: for each {@link Capability}, the ways of signing in ({@link Authentication})
 * that reach it. Kept as core settings {@code core.loginPolicy.<capability>} (a comma-separated list of
 * {@link Authentication#method()} names); a capability not set keeps its {@link #DEFAULT}. The policy
 * only ever narrows what the session's own facts allow: a certificate still needs its binding, a
 * write still needs the primary (JS-77), an account still needs its verified person, whose own data is
 * all it can reach.
 */
public record LoginPolicy(Map<Capability, Set<Authentication>> grants) {

    /** What a session may do with the party it speaks for. */
    public enum Capability {
        /** Read the party's registry data (basic information, records, projects, certificates' list). */
        REGISTRY_READ("registryRead"),
        /** Change the party's registry data (still only the primary certificate among certificates, JS-77). */
        REGISTRY_WRITE("registryWrite"),
        /** Sign in to the trading systems through the portal's OIDC provider (JS-14). */
        TRADING_SYSTEMS("tradingSystems");

        private final String key;

        Capability(String key) {
            this.key = key;
        }

        /** The core setting that holds this capability's list. */
        public String setting() {
            return PREFIX + key;
        }
    }

    public static final String PREFIX = "core.loginPolicy.";

    /**
     * Today's behaviour, and Jiangsu's: certificates and identity providers (苏服办, JS-10) on the
     * registry, certificates only for the trading systems (JS-14), accounts (password, SMS code) nothing.
     */
    public static final LoginPolicy DEFAULT = new LoginPolicy(Map.of(
            Capability.REGISTRY_READ, EnumSet.of(Authentication.CERTIFICATE, Authentication.IDENTITY_PROVIDER),
            Capability.REGISTRY_WRITE, EnumSet.of(Authentication.CERTIFICATE, Authentication.IDENTITY_PROVIDER),
            Capability.TRADING_SYSTEMS, EnumSet.of(Authentication.CERTIFICATE)));

    public LoginPolicy {
        Map<Capability, Set<Authentication>> copy = new EnumMap<>(Capability.class);
        grants.forEach((c, a) -> copy.put(c, Collections.unmodifiableSet(a.isEmpty() ? EnumSet.noneOf(Authentication.class) : EnumSet.copyOf(a))));
        grants = Collections.unmodifiableMap(copy);
    }

    public boolean allows(Capability capability, Authentication authentication) {
        return grants.getOrDefault(capability, Set.of()).contains(authentication);
    }

    public Set<Authentication> of(Capability capability) {
        return grants.getOrDefault(capability, Set.of());
    }

    /** The settings' value for a capability: the authentications' method names in their declared order. */
    public static String format(Set<Authentication> authentications) {
        return String.join(",", authentications.stream().sorted().map(Authentication::method).toList());
    }

    /** Invalid settings: each problem names its field ({@code config.core.loginPolicy.…}). */
    public static final class Invalid extends RuntimeException {

        private final transient List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super(errors.toString());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * The policy a tenant's core settings give ({@code values}: setting name → value; other names
     * ignored), or {@link Invalid} listing every problem. Rules: known method names only; a
     * certificate reaches every capability (a certificate is never below a password: what it may do is
     * its binding's business); a write needs the read; the trading systems take no account session
     * (JS-14: their claims name a certificate or an identity-verified person).
     */
    public static LoginPolicy parse(Map<String, ?> values) {
        List<FieldError> errors = new ArrayList<>();
        Map<Capability, Set<Authentication>> grants = new EnumMap<>(DEFAULT.grants());
        for (Capability capability : Capability.values()) {
            Object raw = values.get(capability.setting());
            if (raw == null) {
                continue;
            }
            String field = "config." + capability.setting();
            if (!(raw instanceof String text)) {
                errors.add(new FieldError(field, "must be a comma-separated list of certificate, identity-provider, password, sms"));
                continue;
            }
            Set<Authentication> set = EnumSet.noneOf(Authentication.class);
            boolean known = true;
            for (String part : text.split(",")) {
                String name = part.strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                Authentication a = byMethod(name);
                if (a == null) {
                    errors.add(new FieldError(field, "unknown login method '" + name + "': use certificate, identity-provider, password, sms"));
                    known = false;
                } else {
                    set.add(a);
                }
            }
            if (known && !set.contains(Authentication.CERTIFICATE)) {
                errors.add(new FieldError(field, "must include certificate"));
            }
            if (known && capability == Capability.TRADING_SYSTEMS
                    && (set.contains(Authentication.PASSWORD) || set.contains(Authentication.SMS_CODE))) {
                errors.add(new FieldError(field, "trading systems take no password or SMS session (JS-14)"));
            }
            grants.put(capability, set);
        }
        if (errors.isEmpty()) {
            Set<Authentication> read = grants.get(Capability.REGISTRY_READ);
            for (Authentication a : grants.get(Capability.REGISTRY_WRITE)) {
                if (!read.contains(a)) {
                    errors.add(new FieldError("config." + Capability.REGISTRY_WRITE.setting(),
                            a.method() + " may write only where it may read: add it to " + Capability.REGISTRY_READ.setting()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new LoginPolicy(grants);
    }

    private static Authentication byMethod(String name) {
        for (Authentication a : Authentication.values()) {
            if (a.method().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
