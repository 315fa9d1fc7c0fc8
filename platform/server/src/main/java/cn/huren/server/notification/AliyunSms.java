package cn.huren.server.notification;

import cn.huren.plugin.api.SmsException;
import cn.huren.plugin.api.SmsException.Reason;
import cn.huren.plugin.api.SmsMessage;
import cn.huren.plugin.api.SmsSender;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alibaba Cloud Short Message Service, {@code SendSms} (RPC style, version 2017-05-25), over java.net.http.
 * Logs only the masked number, the template code and the outcome: the parameters are a code more often than not.
 */
class AliyunSms implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(AliyunSms.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Where and as whom to call; the secret is already opened (never sealed text here). */
    record Settings(URI endpoint, String accessKeyId, String accessKeySecret, String signName, Duration timeout) {

        Settings {
            if (accessKeyId == null || accessKeyId.isBlank() || accessKeySecret == null || accessKeySecret.isBlank()) {
                throw new IllegalArgumentException("huren.sms.aliyun needs access-key-id and access-key-secret");
            }
            if (signName == null || signName.isBlank()) {
                throw new IllegalArgumentException("huren.sms.aliyun needs a sign-name (registered with Alibaba Cloud)");
            }
        }

        @Override
        public String toString() {
            return "Settings[" + endpoint + ", " + accessKeyId + ", secret hidden, " + signName + ", " + timeout + "]";
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final Supplier<Optional<String>> tenantSignName;
    private final HttpClient http;

    AliyunSms(Settings settings, Clock clock) {
        this(settings, clock, Optional::empty);
    }

    /** {@code tenantSignName}: the current tenant's own sign name, which replaces the installation's when present. */
    AliyunSms(Settings settings, Clock clock, Supplier<Optional<String>> tenantSignName) {
        this(settings, clock, () -> UUID.randomUUID().toString(), tenantSignName);
    }

    AliyunSms(Settings settings, Clock clock, Supplier<String> nonces, Supplier<Optional<String>> tenantSignName) {
        this.settings = settings;
        this.clock = clock;
        this.nonces = nonces;
        this.tenantSignName = tenantSignName;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String send(SmsMessage message) {
        URI uri = URI.create(settings.endpoint().toString().replaceAll("/?$", "/") + "?" + signedQuery(message));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw refused(message, new SmsException(Reason.TIMEOUT, "timeout",
                    "the SMS provider did not answer within " + settings.timeout().toMillis() + " ms", e));
        } catch (IOException e) {
            throw refused(message, new SmsException(Reason.UNAVAILABLE, "unreachable",
                    "the SMS provider could not be reached: " + e.getClass().getSimpleName(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmsException(Reason.UNAVAILABLE, "interrupted", "interrupted while sending an SMS", e);
        }
        String bizId;
        try {
            bizId = answer(response);
        } catch (SmsException e) {
            throw refused(message, e);
        }
        log.info("SMS accepted by Alibaba Cloud: to {}, template {}, BizId {}", message.maskedPhoneNumber(), message.templateCode(), bizId);
        return bizId;
    }

    /** The request's parameters with their signature, as the query string Alibaba Cloud expects. */
    String signedQuery(SmsMessage message) {
        Map<String, String> parameters = parameters(message);
        parameters.put("Signature", AliyunSignature.sign("GET", parameters, settings.accessKeySecret()));
        return AliyunSignature.canonicalQuery(parameters);
    }

    Map<String, String> parameters(SmsMessage message) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccessKeyId", settings.accessKeyId());
        p.put("Action", "SendSms");
        p.put("Format", "JSON");
        p.put("PhoneNumbers", message.phoneNumber());
        p.put("RegionId", "cn-hangzhou");
        p.put("SignName", tenantSignName.get().orElse(settings.signName()));
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", nonces.get());
        p.put("SignatureVersion", "1.0");
        p.put("TemplateCode", message.templateCode());
        if (!message.parameters().isEmpty()) {
            p.put("TemplateParam", templateParam(message.parameters()));
        }
        p.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        p.put("Version", "2017-05-25");
        return p;
    }

    private static String templateParam(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes as JSON", e);
        }
    }

    /** Alibaba Cloud answers refusals as JSON with a Code (HTTP 200 for business refusals, 4xx for request errors). */
    private String answer(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        String code = body == null ? null : body.path("Code").asText(null);
        if (status >= 500 || code == null) {
            throw new SmsException(Reason.UNAVAILABLE, "http-" + status,
                    "the SMS provider failed: HTTP " + status + (code == null ? " without an answer it understands" : ", " + code));
        }
        if (status == 200 && "OK".equals(code)) {
            String bizId = body.path("BizId").asText("");
            if (bizId.isEmpty()) {
                throw new SmsException(Reason.UNAVAILABLE, "no-biz-id", "the SMS provider answered OK without a BizId");
            }
            return bizId;
        }
        String detail = body.path("Message").asText("");
        detail = detail.length() > 200 ? detail.substring(0, 200) : detail;
        Reason reason = code.contains("LIMIT_CONTROL") ? Reason.RATE_LIMITED : code.startsWith("isp.") ? Reason.UNAVAILABLE : Reason.REFUSED;
        throw new SmsException(reason, code, "the SMS provider refused the message: " + code + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static SmsException refused(SmsMessage message, SmsException e) {
        log.warn("SMS to {} (template {}) not sent: {}", message.maskedPhoneNumber(), message.templateCode(), e.getMessage());
        return e;
    }
}
