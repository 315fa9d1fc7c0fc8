package cn.huren.server.banktransfer;

import cn.huren.server.support.ApiException.FieldError;
import cn.huren.server.tenancy.CoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The tenant's {@code core.bankTransfer.*} on every save: a gateway URL needs its app key, app secret and the collection
 * account it is asked about; the collection account is what the verification table keeps (at most 64 characters), its
 * holder and bank at most 200.
 */
@Component
class BankTransferSettingsCheck implements CoreSettings.Check {

    @Override
    public List<FieldError> check(Map<String, Object> core) {
        List<FieldError> errors = new ArrayList<>();
        boolean gateway = !text(core, BankTransferConfig.URL).isEmpty();
        if (gateway) {
            for (String needed : List.of(BankTransferConfig.APP_KEY, BankTransferConfig.APP_SECRET, BankTransferConfig.ACCOUNT)) {
                if (text(core, needed).isEmpty()) {
                    errors.add(new FieldError("config." + needed, "required with core.bankTransfer.url"));
                }
            }
        }
        String account = text(core, BankTransferConfig.ACCOUNT);
        if (!account.isEmpty() && (account.length() > 64 || !account.matches("[0-9A-Za-z -]+"))) {
            errors.add(new FieldError("config." + BankTransferConfig.ACCOUNT, "an account number: 1 to 64 digits, letters, blanks or dashes"));
        }
        for (String name : List.of(BankTransferConfig.ACCOUNT_NAME, BankTransferConfig.ACCOUNT_BANK)) {
            if (text(core, name).length() > 200) {
                errors.add(new FieldError("config." + name, "at most 200 characters"));
            }
        }
        return errors;
    }

    private static String text(Map<String, Object> core, String name) {
        Object value = core.get(name);
        return value == null ? "" : value.toString().strip();
    }
}
