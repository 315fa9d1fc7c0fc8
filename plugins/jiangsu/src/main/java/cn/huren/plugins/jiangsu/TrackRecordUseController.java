package cn.huren.plugins.jiangsu;

import cn.huren.plugin.api.ApiCallers;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.TrackRecordUses;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * JS-46: a Jiangsu city trading system reports each use of a track record in a bidding, with a
 * signed request as the API client the tenant's configuration lists for that city. Counted once per
 * use id (a repeat changes nothing); only NORMAL track records can be used (JS-42, JS-44).
 */
@RestController
class TrackRecordUseController {

    record UseReport(String useId) {
    }

    private final ApiCallers callers;
    private final TrackRecordUses uses;
    private final PluginSettings settings;

    TrackRecordUseController(ApiCallers callers, TrackRecordUses uses, PluginSettings settings) {
        this.callers = callers;
        this.uses = uses;
        this.settings = settings;
    }

    @PostMapping("/track-records/{id}/uses")
    Map<String, Object> report(@PathVariable long id, @RequestBody(required = false) UseReport body) {
        ApiCallers.ApiCaller caller = callers.current().orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                "a city trading system signs its request as its API client (X-Huren-Client, X-Huren-Timestamp, X-Huren-Nonce, "
                        + "X-Huren-Signature)"));
        CitySystems.CitySystem city = CitySystems.of(settings.current()).byClient(caller.clientId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                        "API client " + caller.clientId() + " is not one of Jiangsu's city trading systems (plugin configuration citySystems)"));
        TrackRecordUses.TrackRecordUse use = uses.report(id, body == null ? null : body.useId());
        return Map.of("trackRecordId", use.trackRecordId(), "status", use.status(), "useCount", use.useCount(), "city", city.city());
    }
}
