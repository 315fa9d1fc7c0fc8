package cn.huren.server.support;

import cn.huren.plugin.api.ConfigValues;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.core.env.Environment;

/**
 * Which signed provider a tenant's requests go to ({@link SignedGateway}): the tenant's own, named by its core
 * settings (URL, app key, app secret, the secret already opened), or, without a URL and with sandboxes, this
 * server's in-process sandbox for the tenant; otherwise the feature's not-configured refusal. Nothing pretends.
 */
public final class ProviderChoice {

    /** The core settings' field names of a provider. */
    public record Keys(String url, String appKey, String appSecret) {
    }

    /** This server's sandbox: its path below {@code /api/t/{tenant}}, its app key and secret. */
    public record Sandbox(String path, String appKey, String appSecret) {
    }

    /** What a tenant lacks: an app key or secret beside its URL, or a provider at all. */
    public enum Missing { KEY_OR_SECRET, PROVIDER }

    /** Makes the feature's settings. */
    @FunctionalInterface
    public interface Settings<S> {
        S of(URI url, String appKey, String appSecret);
    }

    private ProviderChoice() {
    }

    /** {@code sandbox} is null without sandboxes; {@code notConfigured} makes the feature's refusal. */
    public static <S> S choose(ConfigValues values, Keys keys, String tenantCode, Sandbox sandbox, Environment env,
                               Settings<S> settings, Function<Missing, ? extends RuntimeException> notConfigured) {
        Optional<String> url = values.text(keys.url()).filter(u -> !u.isBlank());
        if (url.isPresent()) {
            String key = values.text(keys.appKey()).orElse("");
            String secret = values.text(keys.appSecret()).orElse("");
            if (key.isBlank() || secret.isBlank()) {
                throw notConfigured.apply(Missing.KEY_OR_SECRET);
            }
            return settings.of(URI.create(url.get().strip()), key, secret);
        }
        if (sandbox == null) {
            throw notConfigured.apply(Missing.PROVIDER);
        }
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        return settings.of(URI.create("http://127.0.0.1:" + port + "/api/t/" + tenantCode + sandbox.path()),
                sandbox.appKey(), sandbox.appSecret());
    }
}
