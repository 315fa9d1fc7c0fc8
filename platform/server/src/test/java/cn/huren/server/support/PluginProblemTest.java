package cn.huren.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.plugin.api.BindingException;
import cn.huren.plugin.api.PhoneCodeException;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.SealException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class PluginProblemTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    @DisplayName("a plugin's refusal leaves as problem+json: its status, its code as the type, its message and field errors")
    void pluginProblemAsProblemJson() {
        ResponseEntity<ProblemDetail> reply = handler.plugin(new PluginProblem(422, "intake-incomplete", "两项未填写",
                List.of(new PluginProblem.FieldProblem("legalRepresentative", "必填"))));

        assertThat(reply.getStatusCode().value()).isEqualTo(422);
        assertThat(reply.getBody().getType().toString()).isEqualTo("urn:huren:problem:intake-incomplete");
        assertThat(reply.getBody().getDetail()).isEqualTo("两项未填写");
        assertThat(reply.getBody().getProperties().get("errors"))
                .isEqualTo(List.of(new ApiException.FieldError("legalRepresentative", "必填")));
    }

    @Test
    @DisplayName("the host services' refusals (binding, seal, phone code) are plugin problems too; a non-error status is a 500")
    void hostServiceRefusals() {
        assertThat(handler.plugin(new BindingException(409, "binding-exists", "已绑定")).getBody().getType().toString())
                .endsWith(":binding-exists");
        assertThat(handler.plugin(new SealException(400, "seal-invalid", "x")).getStatusCode().value()).isEqualTo(400);
        assertThat(handler.plugin(new PhoneCodeException(429, "code-throttled", "x")).getStatusCode().value()).isEqualTo(429);
        assertThat(handler.plugin(new PluginProblem(200, "odd", "x")).getStatusCode().value()).isEqualTo(500);
    }
}
