package cn.huren.server.client;

import cn.huren.server.support.ApiException;
import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.sync.EventTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What an operator asks for a new client, checked field by field: every broken field is named at once. */
final class ClientInput {

    static final ApiClients.RateLimit DEFAULT_RATE = new ApiClients.RateLimit(50, 100);
    static final int MAX_RATE = 100_000;

    record Checked(String name, Set<Scope> scopes, String webhookUrl, List<String> events, ApiClients.RateLimit rate) {
    }

    private ClientInput() {
    }

    static Checked check(ApiClients.NewClient request) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(new FieldError("name", "a name of 1 to 200 characters"));
        }
        Set<Scope> scopes = scopes(request.scopes(), errors);
        String webhook = request.webhookUrl() == null || request.webhookUrl().isBlank() ? null : request.webhookUrl().strip();
        if (webhook != null && (webhook.length() > 2000 || !webhook.matches("https?://[^\\s/]+(/\\S*)?"))) {
            errors.add(new FieldError("webhookUrl", "an http(s) URL of at most 2000 characters"));
        }
        List<String> events = events(request.events(), webhook, scopes, errors);
        ApiClients.RateLimit rate = rate(request.rateLimit(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Checked(name, scopes, webhook, events, rate);
    }

    private static Set<Scope> scopes(List<String> requested, List<FieldError> errors) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String code : requested == null ? List.<String>of() : requested) {
            Scope.byCode(code).ifPresentOrElse(scopes::add, () -> errors.add(new FieldError("scopes", "unknown scope '" + code
                    + "'; known: " + Arrays.stream(Scope.values()).map(Scope::code).toList())));
        }
        if (scopes.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("scopes"))) {
            errors.add(new FieldError("scopes", "at least one scope"));
        }
        return scopes;
    }

    /** Subscriptions need a webhook to go to and the events:read scope: events carry registry data. */
    private static List<String> events(List<String> requested, String webhook, Set<Scope> scopes, List<FieldError> errors) {
        List<String> events = requested == null ? List.of() : requested.stream().map(e -> e == null ? "" : e.strip()).distinct().toList();
        events.stream().filter(e -> !EventTypes.isPattern(e)).forEach(e -> errors.add(new FieldError("events", "not an event type or pattern: '"
                + e + "'; core types: " + EventTypes.CORE + ", a namespace such as track-record.* or jiangsu.*, or *")));
        if (!events.isEmpty() && webhook == null) {
            errors.add(new FieldError("events", "events are sent to the webhook: give webhookUrl too"));
        }
        if (!events.isEmpty() && !scopes.contains(Scope.EVENTS_READ)) {
            errors.add(new FieldError("events", "receiving events needs the scope " + Scope.EVENTS_READ.code()));
        }
        if (events.size() > 50) {
            errors.add(new FieldError("events", "at most 50 subscriptions"));
        }
        return events;
    }

    /** Defaults 50/s with a burst of 100; a rate above the default burst gets a burst of the same size. */
    private static ApiClients.RateLimit rate(ApiClients.RateLimit requested, List<FieldError> errors) {
        int perSecond = requested == null || requested.perSecond() == null ? DEFAULT_RATE.perSecond() : requested.perSecond();
        int burst = requested == null || requested.burst() == null ? Math.max(perSecond, DEFAULT_RATE.burst()) : requested.burst();
        if (perSecond < 1 || perSecond > MAX_RATE || burst < 1 || burst > MAX_RATE) {
            errors.add(new FieldError("rateLimit", "perSecond and burst from 1 to " + MAX_RATE));
        }
        return new ApiClients.RateLimit(perSecond, burst);
    }
}
