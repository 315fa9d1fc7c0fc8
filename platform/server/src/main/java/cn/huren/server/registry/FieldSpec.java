package cn.huren.server.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** One field of a record kind: its type, whether submitting needs it, and the values it may take. */
public record FieldSpec(String name, Type type, boolean required, List<String> options) {

    /** MONEY is a price or an amount, never negative; SIGNED_MONEY a result that may be a loss (net profit). */
    public enum Type { TEXT, DATE, MONEY, YEAR, COUNT, ACCOUNT_NUMBER, CHOICE, RESIDENT_ID, SIGNED_MONEY }

    static FieldSpec required(String name, Type type) {
        return new FieldSpec(name, type, true, List.of());
    }

    static FieldSpec optional(String name, Type type) {
        return new FieldSpec(name, type, false, List.of());
    }

    static FieldSpec choice(String name, String... options) {
        return new FieldSpec(name, Type.CHOICE, true, List.of(options));
    }

    /** The largest amount a MONEY field takes, in yuan: 15 digits before the point. */
    static final BigDecimal MAX_MONEY = new BigDecimal("999999999999999.99");
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("-?\\d{1,40}(\\.\\d{1,40})?");
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d{1,18}");

    /**
     * The JSON types a value of this field may arrive as (docs/api-json.md): text fields a string
     * only; whole numbers a JSON integer or its digits as a string (what forms send); money a JSON
     * number or a plain decimal string. Never a boolean, object or array, whatever the field. Null
     * when {@code value} has a type the field takes, else the field's error message.
     */
    String typeProblem(Object value) {
        return switch (type) {
            case YEAR, COUNT -> value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof java.math.BigInteger ? null : "expected a whole number";
            case MONEY, SIGNED_MONEY -> value instanceof String || value instanceof Number ? null
                    : "expected an amount: a number or a string like \"1200.50\"";
            default -> value instanceof String ? null : "expected a string";
        };
    }

    /** The normalised value, or null with {@code problem[0]} (message) and {@code problem[1]} (code) set when the value breaks the type. */
    Object normalise(Object value, String[] problem) {
        String typeProblem = typeProblem(value);
        if (typeProblem != null) {
            problem[0] = typeProblem;
            problem[1] = "type";
            return null;
        }
        String text = value == null ? "" : value.toString().strip();
        try {
            if ((type == Type.YEAR || type == Type.COUNT) && !WHOLE.matcher(text).matches()
                    || money() && value instanceof String && !DECIMAL.matcher(text).matches()) {
                throw new NumberFormatException(); // plain digits only: no exponent, '+' or spaces a parser would take
            }
            switch (type) {
                case TEXT:
                    if (text.length() > 2000) {
                        problem[0] = "at most 2000 characters";
                        problem[1] = "too-long";
                    }
                    return text;
                case DATE:
                    return LocalDate.parse(text).toString();
                case MONEY:
                case SIGNED_MONEY:
                    BigDecimal amount = value instanceof BigDecimal exact ? exact // a JSON number as written (ExactNumbers)
                            : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(((Number) value).doubleValue())
                            : new BigDecimal(text);
                    if (amount.signum() < 0 && type == Type.MONEY) {
                        problem[0] = "zero or more: an amount is never negative";
                        problem[1] = "money-negative";
                    } else if (amount.abs().compareTo(MAX_MONEY) > 0) {
                        problem[0] = "at most " + MAX_MONEY.toPlainString();
                        problem[1] = "money-range";
                    }
                    return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
                case YEAR:
                    int year = Integer.parseInt(text);
                    if (year < 1949 || year > 2100) {
                        problem[0] = "a year between 1949 and 2100";
                        problem[1] = "year";
                    }
                    return year;
                case COUNT:
                    int count = Integer.parseInt(text);
                    if (count < 0) {
                        problem[0] = "zero or more";
                        problem[1] = "count";
                    }
                    return count;
                case ACCOUNT_NUMBER:
                    String digits = text.replace(" ", "");
                    if (!digits.matches("\\d{8,32}")) {
                        problem[0] = "8 to 32 digits";
                        problem[1] = "digits";
                    }
                    return digits;
                case RESIDENT_ID:
                    return cn.huren.server.party.ResidentId.parse(text).value();
                case CHOICE:
                    if (!options.contains(text)) {
                        problem[0] = "one of " + options;
                        problem[1] = "choice";
                    }
                    return text;
                default:
                    throw new IllegalStateException();
            }
        } catch (DateTimeParseException e) {
            problem[0] = "a date like 2024-06-30";
            problem[1] = "date";
        } catch (cn.huren.server.party.InvalidIdentifierException e) {
            problem[0] = e.getMessage();
            problem[1] = "resident-id";
        } catch (NumberFormatException | ArithmeticException e) {
            problem[0] = money() ? "an amount with at most 2 decimals" : "a whole number";
            problem[1] = money() ? "money" : "number";
        }
        return null;
    }

    private boolean money() {
        return type == Type.MONEY || type == Type.SIGNED_MONEY;
    }
}
