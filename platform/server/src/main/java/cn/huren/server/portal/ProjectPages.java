package cn.huren.server.portal;

import cn.huren.server.binding.CertificateBindings;
import cn.huren.server.party.Attachments;
import cn.huren.server.party.ExpectedVersion;
import cn.huren.server.registry.ProjectBoard;
import cn.huren.server.registry.ProjectView;
import cn.huren.server.registry.Projects;
import cn.huren.server.registry.RecordKind;
import cn.huren.server.registry.RecordStatus;
import cn.huren.server.registry.RegistryRecords;
import cn.huren.server.session.PartySessions.PartyPrincipal;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Projects and track records (JS-23–JS-49): off-platform entry, the draft lifecycle, corrections
 * and manager changes while under construction (with evidence, on the ledger), completion into a
 * track record, voiding a track record (which re-opens its project), each with the history.
 */
@Controller
class ProjectPages {

    private static final String PROJECTS = "/registry/projects";

    private final Projects projects;
    private final RegistryRecords records;
    private final RegistryAccess registry;
    private final CertificateBindings bindings;
    private final Attachments attachments;
    private final PageActions actions;

    ProjectPages(Projects projects, RegistryRecords records, RegistryAccess registry, CertificateBindings bindings,
                 Attachments attachments, PageActions actions) {
        this.projects = projects;
        this.records = records;
        this.registry = registry;
        this.bindings = bindings;
        this.attachments = attachments;
        this.actions = actions;
    }

    @GetMapping({PROJECTS, "/t/{tenant}" + PROJECTS})
    String list(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        CertificateBindings.Access access = registry.registered(me);
        long partyId = access.partyId();
        model.addAttribute("projects", Arrays.stream(ProjectBoard.values()).flatMap(b -> projects.list(partyId, b).stream()).toList());
        model.addAttribute("writable", access.primary());
        return RegistryPages.frame(model, "registry", "portal/projects");
    }

    @GetMapping({PROJECTS + "/new", "/t/{tenant}" + PROJECTS + "/new"})
    String form(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        registry.registered(me);
        model.addAttribute("boards", ProjectBoard.values());
        model.addAttribute("fields", Projects.projectFields());
        return RegistryPages.frame(model, "registry", "portal/project-form");
    }

    @PostMapping({PROJECTS, "/t/{tenant}" + PROJECTS})
    String create(@AuthenticationPrincipal PartyPrincipal me, @RequestParam(defaultValue = "") String board,
                  @RequestParam(defaultValue = "save") String action, @RequestParam MultiValueMap<String, String> form,
                  HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, form, action.equals("submit") ? "notice.submitted" : "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            ProjectBoard b = Arrays.stream(ProjectBoard.values()).filter(x -> x.name().equals(board)).findFirst()
                    .orElseThrow(() -> ApiException.invalid(List.of(new ApiException.FieldError("board", "ENTERPRISE, TRANSPORT or WATER"))));
            return PROJECTS + "/" + projects.createOffPlatform(partyId, b, PageActions.fields(form), action.equals("submit"), me.actor()).id();
        }, PROJECTS + "/new");
    }

    @GetMapping({PROJECTS + "/{id}", "/t/{tenant}" + PROJECTS + "/{id}"})
    String project(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, Model model) {
        CertificateBindings.Access access = registry.registered(me);
        long partyId = access.partyId();
        ProjectView p = projects.get(partyId, id);
        model.addAttribute("project", p);
        // what the platform supplies is shown apart, read-only; the party keeps only the rest
        model.addAttribute("fields", Projects.projectFields().stream().filter(f -> !p.platformData().containsKey(f.name())).toList());
        model.addAttribute("contractFields", Projects.contractFields());
        model.addAttribute("writable", access.primary());
        model.addAttribute("history", projects.history(partyId, id));
        List<Map<String, Object>> people = records.list(partyId, RecordKind.PERSONNEL).stream()
                .filter(r -> r.status() == RecordStatus.SUBMITTED && "IN_SERVICE".equals(r.data().get("employment")))
                .map(r -> Map.<String, Object>of("id", r.id(), "name", r.data().get("name"))).toList();
        model.addAttribute("managers", people);
        model.addAttribute("manager", p.managerPersonnelId() == null ? null
                : records.find(partyId, p.managerPersonnelId()).map(r -> r.data().get("name")).orElse(null));
        return RegistryPages.frame(model, "registry", "portal/project");
    }

    @PostMapping({PROJECTS + "/{id}", "/t/{tenant}" + PROJECTS + "/{id}"})
    String update(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestParam(defaultValue = "save") String action,
                  @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String page = PROJECTS + "/" + id;
        return actions.run(request, flash, form, action.equals("submit") ? "notice.submitted" : "notice.saved", () -> {
            long partyId = bindings.requireAccess(me, true);
            ExpectedVersion expected = ExpectedVersion.form(form.getFirst("version"));
            switch (action) {
                case "correct" -> projects.correct(partyId, id, expected, PageActions.fields(form), me.actor());
                case "submit" -> {
                    projects.edit(partyId, id, expected, PageActions.fields(form), me.actor());
                    projects.submit(partyId, id, ExpectedVersion.ANY, me.actor()); // the edit checked, in this same transaction
                }
                default -> projects.edit(partyId, id, expected, PageActions.fields(form), me.actor());
            }
            return page;
        }, page);
    }

    @PostMapping({PROJECTS + "/{id}/manager", "/t/{tenant}" + PROJECTS + "/{id}/manager"})
    String manager(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestParam(required = false) Long manager,
                   @RequestParam(required = false) MultipartFile evidence, @RequestParam(required = false) String version,
                   HttpServletRequest request, RedirectAttributes flash) {
        String page = PROJECTS + "/" + id;
        return actions.run(request, flash, null, "notice.managerChanged", () -> {
            long partyId = bindings.requireAccess(me, true);
            projects.changeManager(partyId, id, ExpectedVersion.form(version), manager == null ? -1 : manager,
                    RecordPages.Evidence.store(attachments, partyId, evidence), me.actor());
            return page;
        }, page);
    }

    @PostMapping({PROJECTS + "/{id}/complete", "/t/{tenant}" + PROJECTS + "/{id}/complete"})
    String complete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                    @RequestParam(name = "documents", required = false) List<MultipartFile> documents,
                    HttpServletRequest request, RedirectAttributes flash) {
        String page = PROJECTS + "/" + id;
        return actions.run(request, flash, null, "notice.completed", () -> {
            long partyId = bindings.requireAccess(me, true);
            List<UUID> stored = documents == null ? List.of() : documents.stream()
                    .map(d -> RecordPages.Evidence.store(attachments, partyId, d)).filter(Objects::nonNull).toList();
            try {
                projects.complete(partyId, id, ExpectedVersion.form(form.getFirst("version")), PageActions.fields(form), stored, me.actor());
            } catch (ApiException e) {
                throw PageActions.scoped(e, "contract"); // the contract's fields, not the project's of the same name
            }
            return "/registry/track-records";
        }, page);
    }

    @PostMapping({PROJECTS + "/{id}/delete", "/t/{tenant}" + PROJECTS + "/{id}/delete"})
    String delete(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestParam(required = false) String version,
                  HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.deleted", () -> {
            projects.delete(bindings.requireAccess(me, true), id, ExpectedVersion.form(version), me.actor());
            return PROJECTS;
        }, PROJECTS + "/" + id);
    }

    @GetMapping({"/registry/track-records", "/t/{tenant}/registry/track-records"})
    String trackRecords(@AuthenticationPrincipal PartyPrincipal me, Model model) {
        CertificateBindings.Access access = registry.registered(me);
        long partyId = access.partyId();
        model.addAttribute("trackRecords", Arrays.stream(ProjectBoard.values()).flatMap(b -> projects.trackRecords(partyId, b).stream()).toList());
        model.addAttribute("writable", access.primary());
        return RegistryPages.frame(model, "registry", "portal/track-records");
    }

    @PostMapping({"/registry/track-records/{id}/void", "/t/{tenant}/registry/track-records/{id}/void"})
    String voidTrackRecord(@AuthenticationPrincipal PartyPrincipal me, @PathVariable long id, @RequestParam(defaultValue = "") String reason,
                           @RequestParam(required = false) MultipartFile evidence, HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, null, "notice.voided", () -> {
            long partyId = bindings.requireAccess(me, true);
            projects.voidTrackRecord(partyId, id, reason, RecordPages.Evidence.store(attachments, partyId, evidence), me.actor());
            return "/registry/track-records";
        }, "/registry/track-records");
    }

}
