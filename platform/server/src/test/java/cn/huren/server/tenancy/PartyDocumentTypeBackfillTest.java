package cn.huren.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.huren.server.HttpApi;
import cn.huren.server.IntegrationTest;
import cn.huren.server.Tenants;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The changeSet that adds party.document_type fills it in for the persons already registered, from the number's shape. */
@IntegrationTest
class PartyDocumentTypeBackfillTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TenantStartupMigration startup;

    @Test
    @DisplayName("existing natural persons get the document type their number's shape tells (a 71… resident ID stays RESIDENT_ID), "
            + "enterprises none")
    void backfill() {
        HttpApi.operator(port).post("/api/platform/tenants", Tenants.body("dtb1", "jiangsu"));
        // the schema as it was before the changeSet
        jdbc.sql("drop table tenant_dtb1.real_name_check").update();
        jdbc.sql("alter table tenant_dtb1.party drop column document_type").update();
        jdbc.sql("delete from tenant_dtb1.databasechangelog where id = 'tenant-realname-1-document-type-and-checks'").update();
        Map<String, String> persons = Map.of(
                "11010519491231002X", "RESIDENT_ID",
                "710000198001010012", "RESIDENT_ID",
                "810000199408230021", "HK_MACAO_RESIDENCE_PERMIT",
                "830000199201300022", "TAIWAN_RESIDENCE_PERMIT",
                "911840198506150011", "FOREIGN_PERMANENT_RESIDENCE",
                "USA310085031501", "FOREIGN_PERMANENT_RESIDENCE_OLD");
        persons.keySet().forEach(number -> jdbc.sql("insert into tenant_dtb1.party (kind, resident_id, name, roles, basic_info, "
                + "registered_via, created_at, updated_at) values ('NATURAL_PERSON', ?, 'x', '', '{}', 'ukey', now(), now())").param(number).update());
        jdbc.sql("insert into tenant_dtb1.party (kind, uscc, name, roles, basic_info, registered_via, created_at, updated_at) "
                + "values ('ENTERPRISE', '91350100M000100Y43', 'x', '', '{}', 'ukey', now(), now())").update();
        jdbc.sql("update platform.tenant set schema_fingerprint = 'old' where code = 'dtb1'").update();

        startup.afterSingletonsInstantiated();

        Map<String, String> types = jdbc.sql("select coalesce(resident_id, uscc) as id, coalesce(document_type, '-') as type "
                        + "from tenant_dtb1.party").query().listOfRows().stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("type")));
        assertThat(types).containsAllEntriesOf(persons).containsEntry("91350100M000100Y43", "-").hasSize(7);
    }
}
