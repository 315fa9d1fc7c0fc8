package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RecordView;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every record kind's pages from one set of templates (X-01 written once): the list, the form
 * built from the kind's fields, and a record's page with only the buttons its status allows, its
 * void reason and evidence, and its change history with evidence stamps. A person's
 * education, certificates and so on hang under the person (JS-71).
 */
@Controller
class RecordPages {

    private static final String BASE = "/registry/records/{kind}";

    private final RegistryRecords records;
    private final RegistryAccess registry;
    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final PageActions actions;

    RecordPages(RegistryRecords records, RegistryAccess registry, CertificateBindings bindings, Attachments attachments,
                PageActions actions) {
        this.actions = actions;
        this.records = records;
        this.registry = registry;
        this.bindings = bindings;
        this.attachments = attachments;
    }

    @GetMapping({BASE, "/t/{tenant}" + BASE})
    String list(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @RequestParam(required = false) Long person,
                HttpServletRequest request, Model model) {
        RecordKind k = RecordKind.require(kind);
        CertificateBindings.Access access = registry.registered(me);
        long partyId = access.partyId();
        if (k.ofPerson()) {
            return "redirect:" + PageActions.base(request) + "/registry/records/personnel/" + requirePerson(person);
        }
        model.addAttribute("kind", k);
        model.addAttribute("records", records.list(partyId, k));
        model.addAttribute("writable", access.primary());
        return RegistryPages.frame(model, "registry", "portal/records");
    }

    @GetMapping({BASE + "/new", "/t/{tenant}" + BASE + "/new"})
    String form(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @RequestParam(required = false) Long person,
                Model model) {
        RecordKind k = RecordKind.require(kind);
        registry.registered(me);
        model.addAttribute("kind", k);
        model.addAttribute("person", k.ofPerson() ? requirePerson(person) : null);
        return RegistryPages.frame(model, "registry", "portal/record-form");
    }

    @PostMapping({BASE, "/t/{tenant}" + BASE})
    String create(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @RequestParam(required = false) Long person,
                  @RequestParam(defaultValue = "save") String action, @RequestParam MultiValueMap<String, String> form,
                  HttpServletRequest request, RedirectAttributes flash) {
        RecordKind k = RecordKind.require(kind);
        boolean submit = action.equals("submit");
        return actions.run(request, flash, form, submit ? "notice.submitted" : "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            RecordView r = k.ofPerson() ? records.createForPerson(partyId, requirePerson(person), k, PageActions.fields(form), submit, me.actor())
                    : records.create(partyId, k, PageActions.fields(form), submit, me.actor());
            return "/registry/records/" + k.code() + "/" + r.id();
        }, "/registry/records/" + k.code() + "/new" + (person == null ? "" : "?person=" + person));
    }

    @GetMapping({BASE + "/{id}", "/t/{tenant}" + BASE + "/{id}"})
    String record(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id, Model model) {
        CertificateBindings.Access access = registry.registered(me);
        long partyId = access.partyId();
        RecordView r = records.get(partyId, id, RecordKind.require(kind));
        model.addAttribute("kind", r.kind());
        model.addAttribute("record", r);
        model.addAttribute("writable", access.primary());
        model.addAttribute("history", records.history(partyId, id));
        model.addAttribute("evidence", r.voidEvidenceId() == null ? null : attachments.find(partyId, r.voidEvidenceId()).orElse(null));
        if (r.kind() == RecordKind.PERSONNEL) {
            model.addAttribute("personKinds", Arrays.stream(RecordKind.values()).filter(RecordKind::ofPerson).toList());
            model.addAttribute("personRecords", Arrays.stream(RecordKind.values()).filter(RecordKind::ofPerson)
                    .collect(java.util.stream.Collectors.toMap(k -> k, k -> records.listForPerson(partyId, id, k))));
        }
        return RegistryPages.frame(model, "registry", "portal/record");
    }

    @PostMapping({BASE + "/{id}", "/t/{tenant}" + BASE + "/{id}"})
    String update(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                  @RequestParam(defaultValue = "save") String action, @RequestParam MultiValueMap<String, String> form,
                  HttpServletRequest request, RedirectAttributes flash) {
        String page = "/registry/records/" + kind + "/" + id;
        return actions.run(request, flash, form, action.equals("submit") ? "notice.submitted" : "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            records.get(partyId, id, RecordKind.require(kind));
            records.update(partyId, id, ExpectedVersion.form(form.getFirst("version")), PageActions.fields(form), me.actor());
            if (action.equals("submit")) {
                records.submit(partyId, id, ExpectedVersion.ANY, me.actor()); // the update checked, in this same transaction
            }
            return page;
        }, page);
    }

    @PostMapping({BASE + "/{id}/void", "/t/{tenant}" + BASE + "/{id}/void"})
    String voidRecord(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                      @RequestParam(defaultValue = "") String reason, @RequestParam(required = false) MultipartFile evidence,
                      @RequestParam(required = false) String version, HttpServletRequest request, RedirectAttributes flash) {
        String page = "/registry/records/" + kind + "/" + id;
        return actions.run(request, flash, null, "notice.voided", () -> {
            long partyId = bindings.requireAccess(me, true);
            records.get(partyId, id, RecordKind.require(kind));
            records.voidRecord(partyId, id, ExpectedVersion.form(version), reason, Evidence.store(attachments, partyId, evidence), me.actor());
            return page;
        }, page);
    }

    @PostMapping({BASE + "/{id}/delete", "/t/{tenant}" + BASE + "/{id}/delete"})
    String delete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable String kind, @PathVariable long id,
                  @RequestParam(required = false) String version, HttpServletRequest request, RedirectAttributes flash) {
        RecordKind k = RecordKind.require(kind);
        String back = k.ofPerson() ? null : "/registry/records/" + kind;
        return actions.run(request, flash, null, "notice.deleted", () -> {
            long partyId = bindings.requireAccess(me, true);
            RecordView r = records.get(partyId, id, k);
            records.delete(partyId, id, ExpectedVersion.form(version), me.actor());
            return back != null ? back : "/registry/records/personnel/" + r.parentId();
        }, "/registry/records/" + kind + "/" + id);
    }

    /** JS-07: the registry opens once basic information is maintained. */

    private static long requirePerson(Long person) {
        if (person == null) {
            throw ApiException.badRequest("person-required", "a person's record is kept under the person");
        }
        return person;
    }

    /** An optional uploaded evidence file, stored as the party's attachment. */
    static final class Evidence {

        private Evidence() {
        }

        static UUID store(Attachments attachments, long partyId, MultipartFile file) {
            if (file == null || file.isEmpty()) {
                return null;
            }
            try {
                return attachments.store(partyId, file.getOriginalFilename(), file.getBytes()).id();
            } catch (IOException e) {
                throw ApiException.badRequest("attachment-unreadable", "the uploaded file could not be read");
            }
        }
    }
}
