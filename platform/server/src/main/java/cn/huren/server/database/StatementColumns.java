package cn.huren.server.database;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which column each {@code ?} of an INSERT or UPDATE statement writes: the values of
 * {@code insert into t (a, b) values (?, coalesce(?, ...))} and the assignments of
 * {@code update t set a = ?, b = case when ? then ? else b end where ...}. Any other statement,
 * and a parameter outside those places (a WHERE clause), writes no column.
 */
record StatementColumns(String table, Map<Integer, String> columns) {

    static final StatementColumns NONE = new StatementColumns(null, Map.of());

    private static final Set<String> UPDATE_END = Set.of("where", "from", "returning");

    /** A parameter's column, or null. */
    String column(int parameterIndex) {
        return columns.get(parameterIndex);
    }

    static StatementColumns of(String sql) {
        List<String> tokens = tokens(sql);
        if (tokens.size() < 3) {
            return NONE;
        }
        String verb = tokens.get(0).toLowerCase(Locale.ROOT);
        if (verb.equals("insert") && tokens.get(1).equalsIgnoreCase("into")) {
            return insert(tokens);
        }
        if (verb.equals("update")) {
            return update(tokens);
        }
        return NONE;
    }

    private static StatementColumns insert(List<String> t) {
        String table = table(t.get(2));
        int i = 3;
        if (i >= t.size() || !t.get(i).equals("(")) {
            return NONE;
        }
        List<String> columns = new ArrayList<>();
        for (i++; i < t.size() && !t.get(i).equals(")"); i++) {
            if (!t.get(i).equals(",")) {
                columns.add(column(t.get(i)));
            }
        }
        i++;
        if (i >= t.size() || !t.get(i).equalsIgnoreCase("values")) {
            return NONE;
        }
        Map<Integer, String> map = new HashMap<>();
        int param = 0;
        int depth = 0;
        int expression = 0;
        boolean inValues = true;
        for (i++; i < t.size(); i++) {
            String token = t.get(i);
            switch (token) {
                case "?" -> {
                    param++;
                    if (inValues && depth >= 1 && expression < columns.size()) {
                        map.put(param, columns.get(expression));
                    }
                }
                case "(" -> {
                    if (depth == 0) {
                        expression = 0;
                    }
                    depth++;
                }
                case ")" -> depth--;
                case "," -> {
                    if (depth == 1) {
                        expression++;
                    }
                }
                default -> {
                    if (depth == 0) {
                        inValues = false; // ON CONFLICT, RETURNING: no longer the values
                    }
                }
            }
        }
        return new StatementColumns(table, map);
    }

    private static StatementColumns update(List<String> t) {
        int i = 2;
        String table = table(t.get(1));
        while (i < t.size() && !t.get(i).equalsIgnoreCase("set")) {
            i++; // an alias
        }
        Map<Integer, String> map = new HashMap<>();
        int param = 0;
        int depth = 0;
        String column = null;
        boolean expectColumn = true;
        boolean inSet = true;
        for (i++; i < t.size(); i++) {
            String token = t.get(i);
            if (token.equals("?")) {
                param++;
                if (inSet && column != null) {
                    map.put(param, column);
                }
            } else if (token.equals("(")) {
                if (inSet && expectColumn) {
                    inSet = false; // set (a, b) = (...): not mapped
                }
                depth++;
            } else if (token.equals(")")) {
                depth--;
            } else if (depth == 0 && token.equals(",")) {
                expectColumn = true;
                column = null;
            } else if (depth == 0 && UPDATE_END.contains(token.toLowerCase(Locale.ROOT))) {
                inSet = false;
            } else if (inSet && expectColumn && !token.equals("=")) {
                column = column(token);
                expectColumn = false;
            }
        }
        return new StatementColumns(table, map);
    }

    private static String table(String name) {
        return column(name);
    }

    /** The bare name: no schema or alias qualifier, no quotes, lower case. */
    private static String column(String name) {
        String bare = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
        return bare.toLowerCase(Locale.ROOT);
    }

    /** Words (with dots and quotes), {@code ? ( ) , =}; literals and comments dropped, other symbols as one token each. */
    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int n = sql.length();
        for (int i = 0; i < n; ) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || (c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\''
                    && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                // 'text' ('' inside), and the escape string E'…' where a backslash escapes the next character (E'\'')
                boolean escapes = c != '\'';
                i += escapes ? 2 : 1;
                while (i < n && !(sql.charAt(i) == '\'' && (i + 1 >= n || sql.charAt(i + 1) != '\''))) {
                    i += sql.charAt(i) == '\'' || escapes && sql.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                tokens.add("'literal'");
            } else if (c == '$' && dollarTag(sql, i) != null) {
                // a dollar-quoted string, $$…$$ or $tag$…$tag$
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
                tokens.add("'literal'");
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '?' && i + 1 < n && sql.charAt(i + 1) == '?') {
                tokens.add("??"); // the driver's escape for the operator '?'
                i += 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '"' || c == '$') {
                int start = i;
                boolean quoted = false;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '"') {
                        quoted = !quoted;
                    } else if (!quoted && !(Character.isLetterOrDigit(d) || d == '_' || d == '.' || d == '$')) {
                        break;
                    }
                    i++;
                }
                tokens.add(sql.substring(start, i));
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"' || c == '.';
    }

    /** The opening {@code $tag$} of a dollar-quoted string at {@code i}, or null ($1 is a parameter, not a quote). */
    private static String dollarTag(String sql, int i) {
        if (i > 0 && isWordPart(sql.charAt(i - 1))) {
            return null; // inside an identifier such as a$b
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || j > i + 1 && Character.isDigit(sql.charAt(j)))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }
}
