package cn.huren.server.portal;

import cn.huren.server.department.Departments;
import cn.huren.server.session.PartyAccess;
import cn.huren.server.support.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 部门管理 (APP-70, 71, 74): an enterprise's departments as a tree (three levels), with the managing ADMIN's actions
 * next to each department — rename, move, delete (the guard's refusal shown next to the button) and remove checked
 * members — and the bulk form: check members, check departments, add to them or move to them.
 */
@Controller
class AccountDepartmentPages {

    private final Departments departments;
    private final PageActions actions;
    private final MessageSource messages;

    AccountDepartmentPages(Departments departments, PageActions actions, MessageSource messages) {
        this.departments = departments;
        this.actions = actions;
        this.messages = messages;
    }

    static String page(long enterpriseId) {
        return "/account/enterprises/" + enterpriseId + "/departments";
    }

    @GetMapping({"/account/enterprises/{enterpriseId}/departments", "/t/{tenant}/account/enterprises/{enterpriseId}/departments"})
    String tree(PartyAccess me, @PathVariable long enterpriseId, Model model) {
        AccountForms.accountId(me);
        Departments.Overview overview = departments.overview(me, enterpriseId);
        Map<Long, List<Departments.Member>> membersOf = new LinkedHashMap<>();
        Map<Long, String> names = new LinkedHashMap<>();
        overview.flat().forEach(d -> {
            membersOf.put(d.id(), new ArrayList<>());
            names.put(d.id(), d.name());
        });
        overview.members().forEach(m -> m.departmentIds().forEach(d -> membersOf.get(d).add(m)));
        model.addAttribute("overview", overview);
        model.addAttribute("flat", overview.flat());
        model.addAttribute("membersOf", membersOf);
        Map<Long, String> places = new LinkedHashMap<>();
        overview.members().forEach(m -> places.put(m.membershipId(),
                String.join("、", m.departmentIds().stream().map(names::get).toList())));
        model.addAttribute("placesText", places);
        model.addAttribute("parents", overview.flat().stream().filter(d -> d.level() < Departments.MAX_LEVEL).toList());
        model.addAttribute("page", page(enterpriseId));
        return "portal/account/enterprise-departments";
    }

    @PostMapping({"/account/enterprises/{enterpriseId}/departments", "/t/{tenant}/account/enterprises/{enterpriseId}/departments"})
    String create(PartyAccess me, @PathVariable long enterpriseId, @RequestParam MultiValueMap<String, String> form,
                  HttpServletRequest request, RedirectAttributes flash) {
        return actions.run(request, flash, form, "notice.dept.created", () -> {
            long id = departments.create(me, enterpriseId, new Departments.NewDepartment(form.getFirst("name"), id(form.getFirst("parentId")))).id();
            return page(enterpriseId) + "#dept-" + id;
        }, page(enterpriseId) + "#create");
    }

    @PostMapping({"/account/enterprises/{enterpriseId}/departments/{departmentId}/name",
            "/t/{tenant}/account/enterprises/{enterpriseId}/departments/{departmentId}/name"})
    String rename(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId, @RequestParam MultiValueMap<String, String> form,
                  HttpServletRequest request, RedirectAttributes flash) {
        return onDepartment(request, flash, "notice.dept.renamed", me, enterpriseId, departmentId, () -> {
            departments.rename(me, enterpriseId, departmentId, form.getFirst("name"));
            return null;
        });
    }

    @PostMapping({"/account/enterprises/{enterpriseId}/departments/{departmentId}/parent",
            "/t/{tenant}/account/enterprises/{enterpriseId}/departments/{departmentId}/parent"})
    String move(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId, @RequestParam MultiValueMap<String, String> form,
                HttpServletRequest request, RedirectAttributes flash) {
        return onDepartment(request, flash, "notice.dept.moved", me, enterpriseId, departmentId, () -> {
            departments.move(me, enterpriseId, departmentId, id(form.getFirst("parentId")));
            return null;
        });
    }

    @PostMapping({"/account/enterprises/{enterpriseId}/departments/{departmentId}/delete",
            "/t/{tenant}/account/enterprises/{enterpriseId}/departments/{departmentId}/delete"})
    String delete(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId,
                  HttpServletRequest request, RedirectAttributes flash) {
        return onDepartment(request, flash, "notice.dept.deleted", me, enterpriseId, departmentId, () -> {
            departments.delete(me, enterpriseId, departmentId);
            return page(enterpriseId);
        });
    }

    @PostMapping({"/account/enterprises/{enterpriseId}/departments/{departmentId}/member-removals",
            "/t/{tenant}/account/enterprises/{enterpriseId}/departments/{departmentId}/member-removals"})
    String removeMembers(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId,
                         @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        return onDepartment(request, flash, "notice.dept.membersRemoved", me, enterpriseId, departmentId, () -> {
            departments.removeMembers(me, enterpriseId, departmentId, ids(form.get("membershipIds")));
            return null;
        });
    }

    /** The bulk form: {@code action} add (添加至其他部门) or move (转移至其他部门, out of {@code fromDepartmentId} or all). */
    @PostMapping({"/account/enterprises/{enterpriseId}/department-members", "/t/{tenant}/account/enterprises/{enterpriseId}/department-members"})
    String placeMembers(PartyAccess me, @PathVariable long enterpriseId, @RequestParam MultiValueMap<String, String> form,
                        HttpServletRequest request, RedirectAttributes flash) {
        boolean move = "move".equals(form.getFirst("action"));
        return actions.run(request, flash, null, move ? "notice.dept.membersMoved" : "notice.dept.membersAdded", () -> {
            try {
                if (move) {
                    departments.moveMembers(me, enterpriseId, ids(form.get("membershipIds")), id(form.getFirst("fromDepartmentId")),
                            ids(form.get("departmentIds")));
                } else {
                    departments.addMembers(me, enterpriseId, ids(form.get("membershipIds")), ids(form.get("departmentIds")));
                }
            } catch (ApiException e) {
                throw scoped(e, "bulk");
            }
            return page(enterpriseId) + "#bulk";
        }, page(enterpriseId) + "#bulk");
    }

    /**
     * An action on one department: a refusal comes back next to that department's actions (fields {@code d<id>-<field>},
     * a refusal without fields as {@code d<id>-problem}), the department opened.
     */
    private String onDepartment(HttpServletRequest request, RedirectAttributes flash, String notice, PartyAccess me,
                                long enterpriseId, long departmentId, Supplier<String> action) {
        String here = page(enterpriseId) + "?open=" + departmentId + "#dept-" + departmentId;
        return actions.run(request, flash, null, notice, () -> {
            try {
                String target = action.get();
                return target == null ? here : target;
            } catch (ApiException e) {
                if (e.errors().isEmpty()) {
                    throw new ApiException(e.status(), e.kind(), e.getMessage(),
                            List.of(new ApiException.FieldError("d" + departmentId + "-problem", guard(me, enterpriseId, departmentId, e), null)));
                }
                throw scoped(e, "d" + departmentId);
            }
        }, here);
    }

    /** APP-74's refusal in the page's language, naming the sub-departments or members that keep the department. */
    private String guard(PartyAccess me, long enterpriseId, long departmentId, ApiException e) {
        List<String> names = new ArrayList<>();
        if (e.kind().equals("department-has-sub-departments") || e.kind().equals("department-has-members")) {
            Departments.Overview overview = departments.overview(me, enterpriseId);
            if (e.kind().equals("department-has-members")) {
                overview.members().stream().filter(m -> m.departmentIds().contains(departmentId)).forEach(m -> names.add(m.name()));
            } else {
                overview.flat().stream().filter(d -> Long.valueOf(departmentId).equals(d.parentId())).forEach(d -> names.add(d.name()));
            }
        }
        return messages.getMessage("dept.refused." + e.kind(), new Object[] {String.join("、", names)}, e.getMessage(),
                LocaleContextHolder.getLocale());
    }

    /** The refusal's field errors named within one of the page's forms ({@code scope-field}: plain ids for the page). */
    private static ApiException scoped(ApiException e, String scope) {
        return new ApiException(e.status(), e.kind(), e.getMessage(), e.errors().stream()
                .map(fe -> new ApiException.FieldError(scope + "-" + fe.field(), fe.message(), fe.code())).toList());
    }

    private static Long id(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(List.of(new ApiException.FieldError("parentId", "not a department")));
        }
    }

    private static List<Long> ids(List<String> values) {
        List<Long> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                Long id = id(v);
                if (id != null) {
                    out.add(id);
                }
            }
        }
        return out;
    }
}
