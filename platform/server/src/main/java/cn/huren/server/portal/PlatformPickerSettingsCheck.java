package cn.huren.server.portal;

import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.CoreSettings;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code core.platformPicker.registryPath} on every save: a path on the portal itself (no scheme, host or "//"). */
@Component
class PlatformPickerSettingsCheck implements CoreSettings.Check {

    @Override
    public List<FieldError> check(Map<String, Object> core) {
        Object value = core.get(CoreSettings.PLATFORM_PICKER_REGISTRY_PATH);
        String path = value == null ? "" : value.toString().strip();
        if (!path.isEmpty() && (path.length() > 200 || !PortalLogin.isLocalPath(path))) {
            return List.of(new FieldError("config." + CoreSettings.PLATFORM_PICKER_REGISTRY_PATH,
                    "a path on this portal, e.g. /overview (no scheme, no host)"));
        }
        return List.of();
    }
}
