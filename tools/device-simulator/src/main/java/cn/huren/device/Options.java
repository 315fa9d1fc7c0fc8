package cn.huren.device;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one command; {@code --force} style flags take no value. */
final class Options {

    /** The command line is wrong; the message says how. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final Set<String> FLAGS = Set.of("force");

    private final Map<String, String> values = new HashMap<>();

    Options(List<String> args, Set<String> allowed) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !allowed.contains(arg.substring(2))) {
                throw new UsageException("unknown option " + arg + "; this command takes --" + String.join(", --", allowed.stream().sorted().toList()));
            }
            String name = arg.substring(2);
            if (FLAGS.contains(name)) {
                values.put(name, "true");
            } else if (i + 1 >= args.size()) {
                throw new UsageException(arg + " needs a value");
            } else {
                values.put(name, args.get(++i));
            }
        }
    }

    String require(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    int number(String name, int fallback) {
        try {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number");
        }
    }
}
