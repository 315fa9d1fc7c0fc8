package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** NMG-09, NMG-10 for apps: {@code /api/t/{t}/plugins/neimenggu/me/registry}. */
@RestController
class RegistryController {

    /** Where the intake stands: passed or not, what the tenant requires, and what is missing now. */
    record Overview(RegistryIntake.Result result, List<String> requiredFields, List<String> requiredDocuments,
                    List<RegistryIntake.Missing> missing, long version) {
    }

    private final SignedIn signedIn;
    private final RegistryIntake intake;

    RegistryController(SignedIn signedIn, RegistryIntake intake) {
        this.signedIn = signedIn;
        this.intake = intake;
    }

    @GetMapping("/me/registry")
    Overview overview() {
        long partyId = SignedIn.requireParty(signedIn.require());
        PartyRegistry.Snapshot snapshot = intake.snapshot(partyId);
        return new Overview(intake.status(partyId), intake.requiredFields(), intake.requiredDocuments(),
                intake.missing(snapshot), snapshot.version());
    }

    /** 提交信息: 200 验证通过, or 422 {@code intake-incomplete} with one field error per missing item. */
    @PostMapping("/me/registry/submission")
    RegistryIntake.Result submit() {
        return intake.submit(SignedIn.requireWritableParty(signedIn.require()));
    }
}
