package cn.huren.server.client;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The v1 API in OpenAPI: the signing scheme, and on each operation the scope it needs. */
@Configuration(proxyBeanMethods = false)
class V1OpenApi {

    static final String SCHEME = "huren-hmac-sha256";

    @Bean
    OpenApiCustomizer v1SigningScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(SignedRequestFilter.SIGNATURE)
                    .description("Send X-Huren-Client (client id), X-Huren-Timestamp (epoch seconds, within 300 s of the server's "
                            + "time), X-Huren-Nonce (16-64 of [A-Za-z0-9_-], new every request) and X-Huren-Signature: base64 of "
                            + "HMAC-SHA256, keyed with the client secret's UTF-8 bytes, over METHOD\\nPATH\\nQUERY\\nSHA256_HEX(body)"
                            + "\\nTIMESTAMP\\nNONCE (path and query exactly as sent, query without '?', empty if none). "
                            + "401 without a valid signature, 403 without the scope, 429 with Retry-After over the client's rate."));
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api/t/{tenant}/v1/")) {
                        item.readOperations().forEach(V1OpenApi::declareTenant);
                    }
                });
            }
        };
    }

    /** The tenant in the path is bound by the router, not by a handler parameter; it is named here. */
    private static void declareTenant(Operation operation) {
        boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "tenant".equals(p.getName()));
        if (!declared) {
            operation.addParametersItem(new PathParameter().name("tenant").required(true).schema(new StringSchema())
                    .description("the tenant's code, e.g. js; a client is valid for its own tenant only"));
        }
    }

    @Bean
    OperationCustomizer v1Scopes() {
        return (operation, handler) -> {
            RequiresScope scope = handler.getMethodAnnotation(RequiresScope.class);
            if (scope != null) {
                operation.addSecurityItem(new SecurityRequirement().addList(SCHEME, scope.value().code()));
                String summary = operation.getSummary() == null ? "" : operation.getSummary() + ". ";
                operation.setDescription(summary + "Scope: " + scope.value().code() + ".");
            }
            return operation;
        };
    }
}
