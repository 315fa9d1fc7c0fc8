package cn.huren.server.plugins;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.Paths;
import cn.huren.server.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A plugin's static files for its portal pages (scripts, styles, images: the portal's CSP allows only its own origin):
 * {@code /p/{pluginId}/static/{path}} is {@code huren-plugin/{pluginId}/static/{path}} in the plugin's jar, for a tenant
 * on that plugin only.
 */
@Controller
class PluginStaticResources {

    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_-][A-Za-z0-9._/-]{0,200}$");

    private final PluginHost host;

    PluginStaticResources(PluginHost host) {
        this.host = host;
    }

    @GetMapping({"/p/{pluginId}/static/**", "/t/{tenant}/p/{pluginId}/static/**"})
    ResponseEntity<byte[]> file(@PathVariable String pluginId, HttpServletRequest request) throws IOException {
        String uri = Paths.of(request);
        String path = uri.substring(uri.indexOf("/p/" + pluginId + "/static/") + ("/p/" + pluginId + "/static/").length());
        ClassLoader loader = host.pageLoaders().get(pluginId);
        boolean mine = TenantContext.current().filter(t -> t.pluginId().equals(pluginId)).isPresent();
        URL file = mine && loader != null && SAFE.matcher(path).matches() && !path.contains("..") && !path.endsWith("/")
                ? loader.getResource(PluginPages.statics(pluginId) + path) : null;
        if (file == null) {
            throw ApiException.notFound("not-found", "no such file");
        }
        try (InputStream in = file.openStream()) {
            return ResponseEntity.ok()
                    .contentType(MediaTypeFactory.getMediaType(path).orElse(MediaType.APPLICATION_OCTET_STREAM))
                    .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                    .body(in.readAllBytes());
        }
    }
}
