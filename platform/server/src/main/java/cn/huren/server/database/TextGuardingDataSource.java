package cn.huren.server.database;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.TextInput;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The one place text is checked before PostgreSQL sees it, whoever writes it (JPA, JdbcClient,
 * JdbcTemplate, Spring Session): every string bound to a statement is refused when it holds a
 * character PostgreSQL cannot store ({@link TextInput#refusal}), and a string written to a
 * column is refused when it is longer than the column allows (lengths read from the schema,
 * {@link ColumnLimits}). The refusal is a 400 naming the column as a field (name_zh → nameZh).
 */
final class TextGuardingDataSource extends DelegatingDataSource {

    /** Parsed INSERT/UPDATE statements, least recently used evicted (statements built with a varying number of parameters). */
    private static final int MAX_CACHED_STATEMENTS = 2000;

    private final ColumnLimits limits;
    private final Cache<String, StatementColumns> statements = Caffeine.newBuilder().maximumSize(MAX_CACHED_STATEMENTS).build();

    TextGuardingDataSource(DataSource target) {
        super(target);
        this.limits = new ColumnLimits(target);
    }

    /** The schema's columns as far as this data source knows them (read again after migrations). */
    ColumnLimits limits() {
        return limits;
    }

    /** The guard {@code dataSource} is or wraps, if any. */
    static java.util.Optional<TextGuardingDataSource> of(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(TextGuardingDataSource.class)
                    ? java.util.Optional.of(dataSource.unwrap(TextGuardingDataSource.class)) : java.util.Optional.empty();
        } catch (SQLException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guard(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guard(super.getConnection(username, password));
    }

    private Connection guard(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (isIdentity(method)) {
                        return identity(proxy, method, args);
                    }
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement statement && args != null && args[0] instanceof String sql) {
                        return guard(statement, sql, (Connection) proxy, connection);
                    }
                    if (result instanceof Statement statement) {
                        return owned(statement, (Connection) proxy);
                    }
                    return result;
                });
    }

    /**
     * A statement that answers {@code getConnection()} with the guarding connection, as Spring
     * compares it with the transaction's (a stream's close would otherwise close the pooled one).
     */
    private static Statement owned(Statement statement, Connection connection) {
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> isIdentity(method) ? identity(proxy, method, args)
                        : method.getName().equals("getConnection") && args == null ? connection : invoke(statement, method, args));
    }

    /** Refusals are collected while parameters are bound and thrown when the statement runs, so that every bad field is named. */
    private PreparedStatement guard(PreparedStatement statement, String sql, Connection connection, Connection target) {
        StatementColumns columns = columns(sql);
        Map<Integer, ApiException.FieldError> refused = new Refusals();
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class : PreparedStatement.class;
        InvocationHandler handler = (proxy, method, args) -> {
            if (isIdentity(method)) {
                return identity(proxy, method, args);
            }
            String name = method.getName();
            if (name.equals("getConnection") && args == null) {
                return connection;
            }
            if (args != null && args.length >= 2 && args[0] instanceof Integer index && name.startsWith("set")) {
                refused.remove(index);
                if (args[1] instanceof String text) {
                    ApiException.FieldError error = check(columns, index, text, target);
                    if (error != null) {
                        refused.put(index, error);
                        return null;
                    }
                }
            } else if (name.equals("clearParameters")) {
                refused.clear();
            } else if ((name.startsWith("execute") || name.equals("addBatch")) && !refused.isEmpty()) {
                List<ApiException.FieldError> errors = refused.values().stream().distinct().toList();
                refused.clear();
                throw ApiException.invalid(errors);
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private ApiException.FieldError check(StatementColumns columns, int index, String text, Connection target) {
        String column = columns.column(index);
        if (column == null) {
            return TextInput.error("text", text, null, false);
        }
        ColumnLimits.Column known = limits.column(columns.table(), column, target);
        return TextInput.error(field(column), text, known == null ? null : known.max(), known != null && known.document());
    }

    /** The columns an INSERT or UPDATE writes, parsed once; any other statement (most of them: SELECTs) writes none and is not cached. */
    private StatementColumns columns(String sql) {
        return writes(sql) ? statements.get(sql, StatementColumns::of) : StatementColumns.NONE;
    }

    /** Whether the statement's first keyword is INSERT or UPDATE (after blanks and comments; a WITH … is not mapped anyway). */
    static boolean writes(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        return sql.regionMatches(true, i, "insert", 0, 6) || sql.regionMatches(true, i, "update", 0, 6);
    }

    /** The refusals of one statement: empty and allocation-free until the first refusal (the usual case). */
    private static final class Refusals extends java.util.AbstractMap<Integer, ApiException.FieldError> {

        private Map<Integer, ApiException.FieldError> map;

        @Override
        public ApiException.FieldError put(Integer key, ApiException.FieldError value) {
            if (map == null) {
                map = new TreeMap<>();
            }
            return map.put(key, value);
        }

        @Override
        public ApiException.FieldError remove(Object key) {
            return map == null ? null : map.remove(key);
        }

        @Override
        public void clear() {
            map = null;
        }

        @Override
        public boolean isEmpty() {
            return map == null || map.isEmpty();
        }

        @Override
        public java.util.Set<Entry<Integer, ApiException.FieldError>> entrySet() {
            return map == null ? java.util.Set.of() : map.entrySet();
        }
    }

    /** name_zh → nameZh, as the APIs name the field. */
    static String field(String column) {
        StringBuilder out = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = out.length() > 0;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static boolean isIdentity(Method method) {
        return method.getDeclaringClass() == Object.class && !method.getName().equals("toString");
    }

    /** A proxy is equal only to itself, as the pooled object it wraps is. */
    private static Object identity(Object proxy, Method method, Object[] args) {
        return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Reads the columns once every schema was migrated at start (platform, then the tenants). */
    @org.springframework.stereotype.Component
    static final class Loader {

        private final DataSource dataSource;

        Loader(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
        void ready() {
            of(dataSource).ifPresent(guard -> guard.limits().ready());
        }
    }

    /** Wraps the application's data source. */
    @org.springframework.stereotype.Component
    static final class Wrapper implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            return bean instanceof DataSource dataSource && !(bean instanceof TextGuardingDataSource)
                    ? new TextGuardingDataSource(dataSource) : bean;
        }
    }
}
