package cn.huren.server.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** One field of a record kind: its type, whether submitting needs it, and the values it may take. */
public record FieldSpec(String name, Type type, boolean required, List<String> options) {

    public enum Type { TEXT, DATE, MONEY, YEAR, COUNT, ACCOUNT_NUMBER, CHOICE, RESIDENT_ID }

    static FieldSpec required(String name, Type type) {
        return new FieldSpec(name, type, true, List.of());
    }

    static FieldSpec optional(String name, Type type) {
        return new FieldSpec(name, type, false, List.of());
    }

    static FieldSpec choice(String name, String... options) {
        return new FieldSpec(name, Type.CHOICE, true, List.of(options));
    }

    /** The normalised value, or null with {@code problem[0]} (message) and {@code problem[1]} (code) set when the value breaks the type. */
    Object normalise(Object value, String[] problem) {
        String text = value == null ? "" : value.toString().strip();
        try {
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
                    return new BigDecimal(text).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
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
            problem[0] = type == Type.MONEY ? "an amount with at most 2 decimals" : "a whole number";
            problem[1] = type == Type.MONEY ? "money" : "number";
        }
        return null;
    }
}
