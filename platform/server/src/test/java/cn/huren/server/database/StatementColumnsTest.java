package cn.huren.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatementColumnsTest {

    @Test
    @DisplayName("an INSERT's parameters are its columns' values, also inside expressions and over several rows; not ON CONFLICT or RETURNING")
    void insert() {
        StatementColumns s = StatementColumns.of("""
                insert into platform.operation_log (at, "operator", action, detail)
                values (?, lower(?), coalesce(?, 'x,?'), ?), (?, ?, ?, ?)
                on conflict (id) do update set detail = ? returning id""");
        assertThat(s.table()).isEqualTo("operation_log");
        assertThat(s.columns()).isEqualTo(Map.of(1, "at", 2, "operator", 3, "action", 4, "detail",
                5, "at", 6, "operator", 7, "action", 8, "detail"));
    }

    @Test
    @DisplayName("an UPDATE's parameters are the assigned columns (CASE and COALESCE included); WHERE parameters are none")
    void update() {
        StatementColumns s = StatementColumns.of("""
                update trusted_ca t set name = coalesce(?, name),
                  identity_pattern = case when ? then ? else identity_pattern end, t.crl_url=?
                where id = ? and name <> ?""");
        assertThat(s.table()).isEqualTo("trusted_ca");
        assertThat(s.columns()).isEqualTo(Map.of(1, "name", 2, "identity_pattern", 3, "identity_pattern", 4, "crl_url"));
    }

    @Test
    @DisplayName("other statements, comments and the escaped ?? operator write no column")
    void others() {
        assertThat(StatementColumns.of("select * from party where name = ?").columns()).isEmpty();
        assertThat(StatementColumns.of("with x as (select 1) insert into t (a) select ?").columns()).isEmpty();
        assertThat(StatementColumns.of("insert into t (a, b) -- (c, d)\n values (?, ?)").columns()).isEqualTo(Map.of(1, "a", 2, "b"));
        assertThat(StatementColumns.of("update t set a = ? /* , b = ? */ where c ?? 'k' and d = ?").columns()).isEqualTo(Map.of(1, "a"));
    }

    @Test
    @DisplayName("a dollar-quoted string ($$…$$, $tag$…$tag$) and an escape string E'\\'' are one literal: later parameters keep their columns")
    void quotedLiterals() {
        assertThat(StatementColumns.of("insert into t (a, b, c) values ($$x', ?)$$, ?, ?)").columns()).isEqualTo(Map.of(1, "b", 2, "c"));
        assertThat(StatementColumns.of("insert into t (a, b, c) values ($q$ $$ ', ? $q$, ?, ?)").columns()).isEqualTo(Map.of(1, "b", 2, "c"));
        assertThat(StatementColumns.of("insert into t (a, b, c) values (E'it\\'s, ?', ?, ?)").columns()).isEqualTo(Map.of(1, "b", 2, "c"));
        assertThat(StatementColumns.of("update t set a = e'\\\\', b = ? where c = ?").columns()).isEqualTo(Map.of(1, "b"));
        assertThat(StatementColumns.of("insert into t (name, b) values ('x', ?)").columns()).as("a name ending in e is no escape string")
                .isEqualTo(Map.of(1, "b"));
        assertThat(StatementColumns.of("update t set a = ?, b = $1 where c = ?").columns()).as("$1 is no quote").isEqualTo(Map.of(1, "a"));
    }

    @Test
    @DisplayName("only INSERT and UPDATE statements are parsed (after blanks and comments); the rest are not cached")
    void writes() {
        assertThat(TextGuardingDataSource.writes("  /* x */ -- y\n INSERT into t (a) values (?)")).isTrue();
        assertThat(TextGuardingDataSource.writes("update t set a = ?")).isTrue();
        assertThat(TextGuardingDataSource.writes("select * from t where a = ?")).isFalse();
        assertThat(TextGuardingDataSource.writes("with x as (select 1) insert into t (a) select ?")).isFalse();
    }

    @Test
    @DisplayName("column names become API field names")
    void fieldNames() {
        assertThat(TextGuardingDataSource.field("name_zh")).isEqualTo("nameZh");
        assertThat(TextGuardingDataSource.field("identity_oid")).isEqualTo("identityOid");
        assertThat(TextGuardingDataSource.field("code")).isEqualTo("code");
    }
}
