package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.party.PartyRegistration;
import cn.huren.server.party.PartyRole;
import cn.huren.server.party.PartyView;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RecordStatus;
import cn.huren.server.registry.RegistrationDocuments;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in home (JS-20: personnel, projects, track records, certificates at a glance), the
 * registry's index of record kinds, and basic information (JS-07: until it is maintained nothing
 * else is open; the verified name is read-only, X-10).
 */
@Controller
class RegistryPages {

    private final PartyRegistration parties;
    private final RegistryRecords records;
    private final Projects projects;
    private final CertificateBindings bindings;
    private final PageActions actions;
    private final RegistrationDocuments documents;

    RegistryPages(PartyRegistration parties, RegistryRecords records, Projects projects, CertificateBindings bindings,
                  PageActions actions, RegistrationDocuments documents) {
        this.actions = actions;
        this.documents = documents;
        this.parties = parties;
        this.records = records;
        this.projects = projects;
        this.bindings = bindings;
    }

    @GetMapping({"/overview", "/t/{tenant}/overview"})
    String overview(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        CertificateBindings.Access access = bindings.access(me);
        long partyId = access.partyId();
        PartyView party = parties.require(partyId);
        model.addAttribute("party", party);
        model.addAttribute("primary", access.primary());
        model.addAttribute("registration", documents.status(partyId));
        long personnel = records.counts(partyId).getOrDefault(RecordKind.PERSONNEL, Map.of()).entrySet().stream()
                .filter(e -> e.getKey() != RecordStatus.VOIDED).mapToLong(Map.Entry::getValue).sum();
        model.addAttribute("counts", Map.of("personnel", personnel, "projects", projects.projectCount(partyId),
                "trackRecords", projects.usableTrackRecordCount(partyId), "certificates", bindings.activeCount(partyId)));
        return frame(model, "overview", "portal/overview");
    }

    @GetMapping({"/registry", "/t/{tenant}/registry"})
    String index(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        long partyId = bindings.requireAccess(me, false);
        PartyView party = parties.require(partyId);
        Map<RecordKind, Map<RecordStatus, Long>> all = records.counts(partyId);
        Map<RecordKind, Map<String, Long>> counts = new LinkedHashMap<>();
        for (RecordKind kind : RecordKind.values()) {
            if (!kind.ofPerson()) {
                Map<String, Long> byStatus = new java.util.HashMap<>(); // the page looks statuses up by name
                all.getOrDefault(kind, Map.of()).forEach((status, n) -> byStatus.put(status.name(), n));
                counts.put(kind, byStatus);
            }
        }
        model.addAttribute("party", party);
        model.addAttribute("counts", counts);
        return frame(model, "registry", "portal/registry");
    }

    @GetMapping({"/registry/basic-info", "/t/{tenant}/registry/basic-info"})
    String basicInfo(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        CertificateBindings.Access access = bindings.access(me);
        PartyView party = parties.require(access.partyId());
        model.addAttribute("party", party);
        model.addAttribute("roles", PartyRole.values());
        model.addAttribute("editable", access.primary());
        model.addAttribute("registration", documents.status(party.id()));
        return frame(model, "registry", "portal/basic-info");
    }

    @PostMapping({"/registry/basic-info", "/t/{tenant}/registry/basic-info"})
    String saveBasicInfo(@AuthenticationPrincipal PartyPrincipal me, @RequestParam MultiValueMap<String, String> form,
                         HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            parties.maintainBasicInfo(partyId, ExpectedVersion.form(form.getFirst("version")),
                    new PartyRegistration.BasicInfo(roles(form.get("roles")), form.getFirst("legalRepresentative"),
                            form.getFirst("address"), form.getFirst("contactName"), form.getFirst("contactPhone"),
                            blankToNull(form.getFirst("email"))), me.actor());
            return "/overview";
        }, "/registry/basic-info");
    }

    static String frame(Model model, String section, String view) {
        model.addAttribute("section", section);
        model.addAttribute("sections", PortalPagesController.SECTIONS);
        model.addAttribute("partyKinds", Arrays.stream(RecordKind.values()).filter(k -> !k.ofPerson()).toList());
        return view;
    }

    private static Set<PartyRole> roles(List<String> values) {
        Set<PartyRole> roles = EnumSet.noneOf(PartyRole.class);
        if (values != null) {
            values.stream().filter(v -> Arrays.stream(PartyRole.values()).anyMatch(r -> r.name().equals(v)))
                    .forEach(v -> roles.add(PartyRole.valueOf(v)));
        }
        return roles;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
