package cn.huren.server.department;

import cn.huren.server.session.PartyAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** An enterprise's departments (/api/t/{tenant}/me/enterprises/{id}/departments…, an account session; docs/enterprises.md). */
@RestController
@Tag(name = "Enterprises")
class DepartmentController {

    static final String BASE = "/api/t/{tenant}/me/enterprises/{enterpriseId}";

    record Rename(String name) {
    }

    /** {@code parentId} null: directly under the company. */
    record Move(Long parentId) {
    }

    record Members(List<Long> membershipIds) {
    }

    record Placement(List<Long> membershipIds, List<Long> departmentIds) {
    }

    /** {@code fromDepartmentId} null: out of every department the members are in. */
    record MemberMove(List<Long> membershipIds, Long fromDepartmentId, List<Long> departmentIds) {
    }

    private final Departments departments;

    DepartmentController(Departments departments) {
        this.departments = departments;
    }

    @GetMapping(BASE + "/departments")
    @Operation(summary = "APP-70, APP-71: the departments as a tree with member counts, and the members with their departments (any member)")
    Departments.Overview tree(PartyAccess me, @PathVariable long enterpriseId) {
        return departments.overview(me, enterpriseId);
    }

    @GetMapping(BASE + "/departments/history")
    @Operation(summary = "Every change of the departments and their members, newest first (the administrator only)")
    List<Departments.HistoryEntry> history(PartyAccess me, @PathVariable long enterpriseId) {
        return departments.history(me, enterpriseId);
    }

    @GetMapping(BASE + "/departments/{departmentId}")
    @Operation(summary = "One department")
    Department one(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId) {
        return departments.department(me, enterpriseId, departmentId);
    }

    @PostMapping(BASE + "/departments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "APP-70: the administrator adds a department under the company (no parentId) or under a department; at most 3 levels")
    Department create(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Departments.NewDepartment body) {
        return departments.create(me, enterpriseId, body);
    }

    @PutMapping(BASE + "/departments/{departmentId}/name")
    @Operation(summary = "APP-74: rename a department (unique among its siblings)")
    Department rename(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId, @RequestBody Rename body) {
        return departments.rename(me, enterpriseId, departmentId, body == null ? null : body.name());
    }

    @PutMapping(BASE + "/departments/{departmentId}/parent")
    @Operation(summary = "APP-74: move a department with its sub-departments under another parent (null: the company); no cycle, at most 3 levels")
    Department move(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId, @RequestBody Move body) {
        return departments.move(me, enterpriseId, departmentId, body == null ? null : body.parentId());
    }

    @DeleteMapping(BASE + "/departments/{departmentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "APP-74: delete a department; 409 while it has sub-departments or members (named)")
    void delete(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId) {
        departments.delete(me, enterpriseId, departmentId);
    }

    @PostMapping(BASE + "/department-members")
    @Operation(summary = "APP-71: add members (1–200) to departments (1–200); all or none")
    Departments.Overview add(PartyAccess me, @PathVariable long enterpriseId, @RequestBody Placement body) {
        return departments.addMembers(me, enterpriseId, body == null ? null : body.membershipIds(), body == null ? null : body.departmentIds());
    }

    @PostMapping(BASE + "/department-members/moves")
    @Operation(summary = "APP-71: move members out of one department (or all of theirs) into departments; all or none")
    Departments.Overview moveMembers(PartyAccess me, @PathVariable long enterpriseId, @RequestBody MemberMove body) {
        return departments.moveMembers(me, enterpriseId, body == null ? null : body.membershipIds(),
                body == null ? null : body.fromDepartmentId(), body == null ? null : body.departmentIds());
    }

    @PostMapping(BASE + "/departments/{departmentId}/member-removals")
    @Operation(summary = "APP-71: remove members from this department (they stay in the enterprise); all or none")
    Departments.Overview removeMembers(PartyAccess me, @PathVariable long enterpriseId, @PathVariable long departmentId,
                                       @RequestBody Members body) {
        return departments.removeMembers(me, enterpriseId, departmentId, body == null ? null : body.membershipIds());
    }
}
