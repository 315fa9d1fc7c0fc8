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
