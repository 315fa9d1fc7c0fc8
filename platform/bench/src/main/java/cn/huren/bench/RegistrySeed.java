package cn.huren.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Seeds parties and their records straight into a tenant schema with COPY, as rows the application
 * itself would write: enterprises with valid USCCs (check character computed here, independently of
 * the server) and completed basic information, each with three SUBMITTED records (bank account,
 * qualification, award: every required field of the kind) and one DRAFT award. No ledger entries are
 * written for them: the seeded parties have an empty change history.
 */
final class RegistrySeed {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int BATCH = 20_000;

    private RegistrySeed() {
    }

    /** The USCC of seeded party number {@code i} (0-based): 91320100 + MA + 7 digits + check character. */
    static String uscc(int i) {
        String first17 = String.format(Locale.ROOT, "91320100MA%07d", i);
        int sum = 0;
        for (int k = 0; k < 17; k++) {
            sum += ALPHABET.indexOf(first17.charAt(k)) * WEIGHTS[k];
        }
        int c = 31 - sum % 31;
        return first17 + ALPHABET.charAt(c == 31 ? 0 : c);
    }

    /** Seeds {@code parties} parties (ids 1..n) and 4 records each into {@code schema}; returns the records written. */
    static long seed(ServerProcess server, String schema, int parties) throws Exception {
        String at = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        long records = 0;
        try (Connection db = server.database()) {
            PGConnection pg = db.unwrap(PGConnection.class);
            ByteArrayOutputStream partyRows = new ByteArrayOutputStream();
            ByteArrayOutputStream recordRows = new ByteArrayOutputStream();
            for (int i = 0; i < parties; i++) {
                long id = i + 1;
                String name = "基准建设第" + id + "有限公司";
                row(partyRows, id, "ENTERPRISE", uscc(i), "\\N", name, "BIDDER",
                        "{\"legalRepresentative\":\"王" + id + "\",\"address\":\"南京市建邺区" + id + "号\",\"contactName\":\"李"
                                + id + "\",\"contactPhone\":\"13800138000\",\"email\":null}", "bench", at, "\\N", at, at, "0");
                long base = id * 4;
                row(recordRows, base - 3, id, "BANK_ACCOUNT", "SUBMITTED", "{\"bankName\":\"中国工商银行\",\"accountName\":\"" + name
                        + "\",\"accountNumber\":\"62220200" + String.format(Locale.ROOT, "%010d", id) + "\",\"branch\":\"南京分行\"}",
                        at, at, at, "0");
                row(recordRows, base - 2, id, "QUALIFICATION", "SUBMITTED", "{\"board\":\"HOUSING_WATER\",\"name\":\"建筑工程施工总承包\","
                        + "\"certificateNumber\":\"D2" + String.format(Locale.ROOT, "%08d", id) + "\",\"level\":\"二级\","
                        + "\"issuer\":\"江苏省住房和城乡建设厅\"}", at, at, at, "0");
                row(recordRows, base - 1, id, "AWARD", "SUBMITTED", "{\"name\":\"扬子杯\",\"level\":\"省级\",\"issuer\":\"江苏省建筑行业协会\","
                        + "\"awardedOn\":\"2023-05-20\"}", at, at, at, "0");
                row(recordRows, base, id, "AWARD", "DRAFT", "{\"name\":\"待提交奖项\"}", at, at, "\\N", "0");
                records += 4;
                if ((i + 1) % BATCH == 0 || i == parties - 1) {
                    copy(pg, schema + ".party (id, kind, uscc, resident_id, name, roles, basic_info, registered_via, "
                            + "basic_info_completed_at, commitment_signed_at, created_at, updated_at, version)", partyRows);
                    copy(pg, schema + ".registry_record (id, party_id, kind, status, data, created_at, updated_at, submitted_at, version)",
                            recordRows);
                }
            }
            try (Statement s = db.createStatement()) {
                for (String table : new String[] {"party", "registry_record"}) {
                    s.execute("select setval(pg_get_serial_sequence('" + schema + "." + table + "', 'id'), (select max(id) from "
                            + schema + "." + table + "))");
                    s.execute("analyze " + schema + "." + table);
                }
            }
        }
        return records;
    }

    private static void row(ByteArrayOutputStream out, Object... columns) {
        StringBuilder line = new StringBuilder();
        for (Object c : columns) {
            line.append(line.length() == 0 ? "" : "\t").append(c);
        }
        out.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void copy(PGConnection pg, String target, ByteArrayOutputStream rows) throws Exception {
        pg.getCopyAPI().copyIn("copy " + target + " from stdin", new ByteArrayInputStream(rows.toByteArray()));
        rows.reset();
    }
}
