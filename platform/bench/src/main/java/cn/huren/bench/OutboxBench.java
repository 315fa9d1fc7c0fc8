package cn.huren.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Outbox drain rate: N pending events (default 20,000) over P parties (default 1,000), seeded with
 * COPY in one transaction as the publishing code writes them, drained by the server's dispatcher to
 * a WireMock webhook in this process. Rate = events / (last arrival - first arrival), so start-up
 * and the dispatcher's poll interval are not counted. Everything (server, PostgreSQL, WireMock,
 * this process) shares the machine's cores.
 *
 * <p>{@code java -cp "platform/bench/target/huren-bench.jar:platform/bench/target/lib/*" cn.huren.bench.OutboxBench}
 */
public final class OutboxBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(OnboardingBench.arg(args, "--events", "20000"));
        int parties = Integer.parseInt(OnboardingBench.arg(args, "--parties", "1000"));
        String xmx = OnboardingBench.arg(args, "--xmx", "512m");
        int port = Integer.parseInt(OnboardingBench.arg(args, "--port", "18189"));
        Path jar = Path.of(OnboardingBench.arg(args, "--jar", "platform/server/target/huren-server.jar"));

        AtomicLong arrivals = new AtomicLong();
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        WireMockServer hook = new WireMockServer(options().dynamicPort().containerThreads(200).disableRequestJournal()
                .extensions(new ServeEventListener() {
                    @Override
                    public void afterMatch(ServeEvent event, Parameters parameters) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.set(now);
                        arrivals.incrementAndGet();
                    }

                    @Override
                    public String getName() {
                        return "count";
                    }
                }));
        hook.start();
        hook.stubFor(post(urlEqualTo("/hooks/bench")).willReturn(aResponse().withStatus(204)));

        for (boolean durable : ServerProcess.durabilities(args)) {
            arrivals.set(0);
            first.set(0);
            last.set(0);
            drain(durable, events, parties, xmx, port, jar, hook, arrivals, first, last);
        }
        hook.stop();
    }

    private static void drain(boolean durable, int events, int parties, String xmx, int port, Path jar, WireMockServer hook, AtomicLong arrivals,
            AtomicLong first, AtomicLong last) throws Exception {
        System.out.printf(Locale.ROOT, "Huren outbox drain benchmark: %,d events over %,d parties, -Xmx%s, %d cores, %s%n", events, parties, xmx,
                Runtime.getRuntime().availableProcessors(), ServerProcess.databaseLabel(durable));

        OnboardingBench operator = new OnboardingBench(port);
        String code = ServerProcess.tenantCode("obx");
        ServerProcess server = ServerProcess.start(jar, Files.createTempDirectory("huren-outbox-bench"), port, xmx, OnboardingBench.PASSWORD,
                durable);
        operator.awaitUp(server);
        check(operator.send("POST", "/api/platform/tenants", Map.of("code", code, "nameZh", "同步", "nameEn", "Sync", "plugin", "jiangsu")));
        JsonNode client = JSON.readTree(check(operator.send("POST", "/api/platform/tenants/" + code + "/clients", Map.of("name", "交易系统",
                "scopes", List.of("registry:read", "events:read"), "webhookUrl", "http://127.0.0.1:" + hook.port() + "/hooks/bench",
                "events", List.of("*")))).body());

        double[] cpu = {server.serverCpuSeconds(), server.postgresCpuSeconds()};
        long t0 = System.nanoTime();
        seed(server, "tenant_" + code, client.get("clientId").asText(), events, parties);
        System.out.printf(Locale.ROOT, "seeded %,d pending events with COPY in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);

        long deadline = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode summary = JSON.readTree(check(operator.send("GET", "/api/platform/tenants/" + code + "/outbox", null)).body());
            if (summary.get("delivered").asLong() == events) {
                break;
            }
            Thread.sleep(200);
        }
        double seconds = (last.get() - first.get()) / 1e9;
        double serverCpu = server.serverCpuSeconds() - cpu[0];
        double pgCpu = server.postgresCpuSeconds() - cpu[1];
        System.out.printf(Locale.ROOT, "drained %,d events (%,d requests, %,d duplicates) in %.2f s: %,.0f events/s%n", events,
                arrivals.get(), arrivals.get() - events, seconds, events / seconds);
        System.out.printf(Locale.ROOT, "CPU while seeding and draining: server %.1f s, PostgreSQL %.1f s (%.2f ms of both per event)%n",
                serverCpu, pgCpu, (serverCpu + pgCpu) * 1000 / events);
        operator.report(server, "after draining");
        server.stop();
    }

    /** Events and one delivery each for the client, as {@code Outbox.publish} writes them, committed at once. */
    static void seed(ServerProcess server, String schema, String clientId, int events, int parties) throws Exception {
        String at = Instant.now().toString();
        String tenant = schema.substring("tenant_".length());
        ByteArrayOutputStream eventRows = new ByteArrayOutputStream();
        ByteArrayOutputStream deliveryRows = new ByteArrayOutputStream();
        for (int i = 1; i <= events; i++) {
            String key = Integer.toString(1 + (i - 1) % parties);
            UUID id = UUID.randomUUID();
            String body = "{\"id\":\"" + id + "\",\"type\":\"track-record.used\",\"tenant\":\"" + tenant + "\",\"orderingKey\":\"" + key
                    + "\",\"sequence\":" + i + ",\"occurredAt\":\"" + at + "\",\"data\":{\"partyId\":" + key + ",\"trackRecordId\":" + i
                    + ",\"useCount\":1}}";
            line(eventRows, i + "\t" + id + "\ttrack-record.used\t" + key + "\t" + body.replace("\\", "\\\\") + "\t" + at);
            line(deliveryRows, i + "\t" + clientId + "\t" + key + "\tPENDING\t" + at);
        }
        try (Connection db = server.database()) {
            db.setAutoCommit(false);
            PGConnection pg = db.unwrap(PGConnection.class);
            pg.getCopyAPI().copyIn("copy " + schema + ".outbox_event (seq, id, type, party_key, body, created_at) from stdin",
                    new ByteArrayInputStream(eventRows.toByteArray()));
            pg.getCopyAPI().copyIn("copy " + schema + ".outbox_delivery (event_seq, client_id, party_key, status, next_attempt_at) from stdin",
                    new ByteArrayInputStream(deliveryRows.toByteArray()));
            try (Statement s = db.createStatement()) {
                s.execute("select setval(pg_get_serial_sequence('" + schema + ".outbox_event', 'seq'), " + events + ")");
                s.execute("analyze " + schema + ".outbox_delivery");
            }
            db.commit();
        }
    }

    private static void line(ByteArrayOutputStream out, String row) {
        out.writeBytes((row + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
