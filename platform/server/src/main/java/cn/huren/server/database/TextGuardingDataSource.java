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
import java.util.concurrent.ConcurrentHashMap;
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

    private static final int MAX_CACHED_STATEMENTS = 5000;

    private final ColumnLimits limits;
    private final Map<String, StatementColumns> statements = new ConcurrentHashMap<>();

    TextGuardingDataSource(DataSource target) {
        super(target);
        this.limits = new ColumnLimits(target);
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
                        return guard(statement, sql, (Connection) proxy);
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
    private PreparedStatement guard(PreparedStatement statement, String sql, Connection connection) {
        StatementColumns columns = columns(sql);
        Map<Integer, ApiException.FieldError> refused = new TreeMap<>();
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
                    ApiException.FieldError error = check(columns, index, text);
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

    private ApiException.FieldError check(StatementColumns columns, int index, String text) {
        String column = columns.column(index);
        Integer max = column == null ? null : limits.max(columns.table(), column);
        return TextInput.error(column == null ? "text" : field(column), text, max);
    }

    private StatementColumns columns(String sql) {
        StatementColumns known = statements.get(sql);
        if (known != null) {
            return known;
        }
        if (statements.size() > MAX_CACHED_STATEMENTS) {
            statements.clear(); // statements built with a varying number of parameters
        }
        StatementColumns parsed = StatementColumns.of(sql);
        statements.put(sql, parsed);
        return parsed;
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
