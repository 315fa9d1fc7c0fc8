package cn.huren.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.ReviewDecisionHandler;
import cn.huren.server.review.ReviewItem;
import cn.huren.server.support.ApiException;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one review handler of plugin kinds: a decision reaches the handler of that kind of the item's tenant's plugin, and only it. */
class PluginReviewHandlerTest {

    final List<String> calls = new ArrayList<>();

    /** The nmg plugin's handler of {@code unbinding}: records what it is told; refuses subject "bad". */
    final ReviewDecisionHandler unbinding = new ReviewDecisionHandler() {
        @Override
        public String kind() {
            return "unbinding";
        }

        @Override
        public void approved(String subjectRef, String reviewer) {
            if ("bad".equals(subjectRef)) {
                throw new PluginProblem(409, "binding-changed", "the binding changed meanwhile");
            }
            calls.add("approved " + subjectRef + " by " + reviewer);
        }

        @Override
        public void rejected(String subjectRef, String reason, String reviewer) {
            calls.add("rejected " + subjectRef + ": " + reason + " by " + reviewer);
        }

        @Override
        public Map<String, String> details(String subjectRef) {
            return Map.of("原因", "钥匙遗失");
        }
    };

    final InstalledPlugins plugins = new InstalledPlugins() {
        @Override
        public List<PluginStatus> statuses() {
            return List.of();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> List<T> extensions(Class<T> type, String pluginId) {
            return type == ReviewDecisionHandler.class && "neimenggu".equals(pluginId) ? List.of((T) unbinding) : List.of();
        }
    };

    final PluginReviewHandler handler = new PluginReviewHandler(plugins);

    static ReviewItem item(String kind, String subject) {
        return new ReviewItem(7, kind, subject, "summary", ReviewItem.Status.OPEN, "party:1", Instant.EPOCH, null, null, null);
    }

    static <T> T on(String plugin, Supplier<T> work) {
        return TenantContext.callAs(new TenantDescriptor("t1", "t1", "t1", TenantStatus.ACTIVE, plugin, List.of("t1.localhost"), null), work);
    }

    @Test
    @DisplayName("plugin kinds (with a dot) come here, core kinds do not")
    void decides() {
        assertThat(handler.decides("neimenggu.unbinding")).isTrue();
        assertThat(handler.decides("certificate-application")).isFalse();
        assertThat(handler.decides(".x")).isFalse();
    }

    @Test
    @DisplayName("approve and reject reach the plugin's handler of the kind with subject, reason and reviewer; details are its own")
    void dispatches() {
        on("neimenggu", () -> {
            handler.approved(item("neimenggu.unbinding", "12"), "reviewer:r1");
            handler.rejected(item("neimenggu.unbinding", "13"), "身份不符", "reviewer:r1");
            return null;
        });
        assertThat(calls).containsExactly("approved 12 by reviewer:r1", "rejected 13: 身份不符 by reviewer:r1");
        assertThat(on("neimenggu", () -> handler.details(item("neimenggu.unbinding", "12")))).containsEntry("原因", "钥匙遗失");
    }

    @Test
    @DisplayName("a plugin's refusal keeps its status and code (the queue then undoes the decision); an unknown kind, or the kind of "
            + "another plugin than the tenant's, is 409 review-kind-unknown and reaches no handler")
    void refusals() {
        assertThatThrownBy(() -> on("neimenggu", () -> {
            handler.approved(item("neimenggu.unbinding", "bad"), "reviewer:r1");
            return null;
        })).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(409);
            assertThat(e.kind()).isEqualTo("binding-changed");
        });
        assertThatThrownBy(() -> on("neimenggu", () -> {
            handler.approved(item("neimenggu.other", "1"), "reviewer:r1");
            return null;
        })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("review-kind-unknown"));
        assertThatThrownBy(() -> on("jiangsu", () -> {
            handler.approved(item("neimenggu.unbinding", "1"), "reviewer:r1");
            return null;
        })).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.kind()).isEqualTo("review-kind-unknown"));
        assertThat(on("jiangsu", () -> handler.details(item("neimenggu.unbinding", "1")))).isEmpty();
        assertThat(calls).isEmpty();
    }
}
