package cn.huren.server.plugins;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.ReviewDecisionHandler;
import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one review handler of every plugin kind ({@code <pluginId>.<kind>}, {@link HostServices#pluginReviews}): a
 * reviewer's decision goes to the {@link ReviewDecisionHandler} of that kind of the plugin the item's tenant is on,
 * in the decision's transaction; a plugin's refusal ({@link PluginProblem}) keeps its status and code and undoes the
 * decision. Core kinds have no dot, so they never come here.
 */
@Component
class PluginReviewHandler implements ReviewHandler {

    private final InstalledPlugins plugins;

    PluginReviewHandler(InstalledPlugins plugins) {
        this.plugins = plugins;
    }

    /** No item has this kind; {@link #decides} names the kinds. */
    @Override
    public String kind() {
        return "plugin";
    }

    @Override
    public boolean decides(String kind) {
        return kind != null && kind.indexOf('.') > 0;
    }

    @Override
    public void approved(ReviewItem item, String reviewer) {
        decide(item, h -> {
            h.approved(item.subjectRef(), reviewer);
            return null;
        });
    }

    @Override
    public void rejected(ReviewItem item, String reason, String reviewer) {
        decide(item, h -> {
            h.rejected(item.subjectRef(), reason, reviewer);
            return null;
        });
    }

    @Override
    public Map<String, String> details(ReviewItem item) {
        return handler(item).map(h -> plugin(() -> h.details(item.subjectRef())))
                .map(d -> (Map<String, String>) new LinkedHashMap<>(d)).orElse(Map.of());
    }

    private void decide(ReviewItem item, Function<ReviewDecisionHandler, Void> decision) {
        ReviewDecisionHandler handler = handler(item).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "review-kind-unknown",
                "no plugin of this tenant decides items of kind " + item.kind()));
        plugin(() -> decision.apply(handler));
    }

    /** The handler of the item's kind in the plugin of the current (the item's) tenant; none for another plugin's kind. */
    private Optional<ReviewDecisionHandler> handler(ReviewItem item) {
        String pluginId = item.kind().substring(0, item.kind().indexOf('.'));
        String kind = item.kind().substring(pluginId.length() + 1);
        if (!pluginId.equals(TenantContext.current().map(TenantDescriptor::pluginId).orElse(null))) {
            return Optional.empty();
        }
        return plugins.extensions(ReviewDecisionHandler.class, pluginId).stream().filter(h -> kind.equals(h.kind())).findFirst();
    }

    private static <T> T plugin(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (PluginProblem p) {
            throw problem(p);
        }
    }

    /** A plugin's refusal as the core's: its status, code and field messages. */
    static ApiException problem(PluginProblem p) {
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve(p.status())).orElse(HttpStatus.CONFLICT);
        return new ApiException(status, p.code(), p.getMessage(),
                p.fields().stream().map(f -> new ApiException.FieldError(f.field(), f.message())).toList());
    }
}
