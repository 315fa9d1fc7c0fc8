package cn.huren.server.portal;

import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.CoreSettings;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code core.platformPicker.registryPath} and {@code core.registration.path} on every save: paths on the portal itself (no scheme, host or "//"). */
@Component
class PlatformPickerSettingsCheck implements CoreSettings.Check {

    @Override
    public List<FieldError> check(Map<String, Object> core) {
        return java.util.stream.Stream.of(CoreSettings.PLATFORM_PICKER_REGISTRY_PATH, CoreSettings.REGISTRATION_PATH)
                .filter(field -> !localPathOrEmpty(core.get(field)))
                .map(field -> new FieldError("config." + field, "a path on this portal, e.g. /overview (no scheme, no host)"))
                .toList();
    }

    private static boolean localPathOrEmpty(Object value) {
        String path = value == null ? "" : value.toString().strip();
        return path.isEmpty() || path.length() <= 200 && PortalLogin.isLocalPath(path);
    }
}
