package cn.huren.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ColumnLimitsTest {

    /** Catalogue reads, and connections taken from the pool. */
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger pooled = new AtomicInteger();
    private final List<String> schemasRead = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile List<Object[]> catalogue = List.<Object[]>of(new Object[] {"party", "name", 200, false},
            new Object[] {"party", "basic_info", null, true});

    private final DataSource pool = proxy(DataSource.class, (p, m, a) -> switch (m.getName()) {
        case "getConnection" -> {
            pooled.incrementAndGet();
            yield connection();
        }
        default -> null;
    });

    @Test
    @DisplayName("a column unknown after a reload never triggers another; a lazy load reads with the caller's connection, not a second pooled one")
    void unknownRemembered() {
        ColumnLimits limits = new ColumnLimits(pool);
        assertThat(limits.max("party", "name", connection())).isEqualTo(200);
        assertThat(limits.column("party", "basic_info", connection())).isEqualTo(new ColumnLimits.Column(null, true));
        assertThat(scans).hasValue(1);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.column("foreign_table", "Mixed", connection())).isNull();
        }
        assertThat(scans).as("one reload for the unknown key, then none").hasValue(2);
        assertThat(pooled).as("never a second connection while the caller holds one").hasValue(0);
    }

    @Test
    @DisplayName("once ready, the columns are read at start, and after each migration that schema's alone is read and merged (its own connection), forgetting the unknown keys")
    void eagerAfterMigrations() {
        ColumnLimits limits = new ColumnLimits(pool);
        limits.schemaChanged("tenant_x");
        assertThat(scans).as("before ready a migration does not read").hasValue(0);
        limits.ready();
        assertThat(scans).hasValue(1);
        assertThat(limits.column("plugin_table", "note", connection())).isNull();
        assertThat(scans).hasValue(2);
        catalogue = List.<Object[]>of(new Object[] {"plugin_table", "note", 50, false}, new Object[] {"party", "name", 300, false});
        limits.schemaChanged("tenant_x");
        assertThat(scans).hasValue(3);
        assertThat(schemasRead).as("only the migrated schema is read").containsExactly("tenant_x");
        assertThat(limits.max("plugin_table", "note", connection())).isEqualTo(50);
        assertThat(limits.max("party", "name", connection())).as("the shorter limit of all schemas stays").isEqualTo(200);
        assertThat(limits.column("party", "basic_info", connection())).as("columns of other schemas are kept").isNotNull();
        assertThat(scans).hasValue(3);
    }

    @Test
    @DisplayName("threads queued on a cold cache do not each repeat the catalogue scan")
    void coldStartOnce() throws Exception {
        ColumnLimits limits = new ColumnLimits(pool);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return limits.max("party", "name", connection());
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(scans).hasValue(1);
    }

    private Connection connection() {
        return proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
            case "createStatement" -> statement();
            case "prepareStatement" -> proxy(java.sql.PreparedStatement.class, (ps, pm, pa) -> switch (pm.getName()) {
                case "setString" -> {
                    schemasRead.add((String) pa[1]);
                    yield null;
                }
                case "executeQuery" -> {
                    scans.incrementAndGet();
                    yield rows(catalogue);
                }
                default -> null;
            });
            default -> null;
        });
    }

    private Statement statement() {
        return proxy(Statement.class, (p, m, a) -> switch (m.getName()) {
            case "executeQuery" -> {
                scans.incrementAndGet();
                yield rows(catalogue);
            }
            default -> null;
        });
    }

    private static ResultSet rows(List<Object[]> rows) {
        int[] at = {-1};
        boolean[] wasNull = {false};
        return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
            case "next" -> ++at[0] < rows.size();
            case "getString" -> (String) rows.get(at[0])[(Integer) a[0] - 1];
            case "getInt" -> {
                Object v = rows.get(at[0])[(Integer) a[0] - 1];
                wasNull[0] = v == null;
                yield v == null ? 0 : (Integer) v;
            }
            case "getBoolean" -> (Boolean) rows.get(at[0])[(Integer) a[0] - 1];
            case "wasNull" -> wasNull[0];
            default -> null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
