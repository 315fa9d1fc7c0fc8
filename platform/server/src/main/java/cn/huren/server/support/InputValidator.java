package cn.huren.server.support;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Bean validation called explicitly, so that a refused request is still an action the caller can
 * log (the operation log records refusals too).
 */
@Component
public class InputValidator {

    private final Validator validator;

    InputValidator(Validator validator) {
        this.validator = validator;
    }

    /** The constant {@code text} names (trimmed); else null, and the field's error "one of [...]" added to {@code errors}. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String text, String field, List<ApiException.FieldError> errors) {
        try {
            return Enum.valueOf(type, String.valueOf(text).strip());
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError(field, "one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    public <T> T check(T input) {
        if (input == null) {
            throw ApiException.badRequest("malformed-body", "a request body is required");
        }
        List<ApiException.FieldError> errors = validator.validate(input).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> new ApiException.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return input;
    }
}
