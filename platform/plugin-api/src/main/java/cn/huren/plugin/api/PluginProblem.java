package cn.huren.plugin.api;

import java.util.List;

/**
 * A refusal a plugin's endpoint answers with: the host writes it as {@code application/problem+json} with the
 * status, the stable code as the problem's type (like the core's refusals) and the fields, and changes nothing
 * (throw it before or inside the transaction). Host services refuse with subclasses of it.
 */
public class PluginProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldProblem> fields;

    public PluginProblem(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public PluginProblem(int status, String code, String message, List<FieldProblem> fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** One field's problem, as the core's validation errors name them. */
    public record FieldProblem(String field, String message) {
    }
}
