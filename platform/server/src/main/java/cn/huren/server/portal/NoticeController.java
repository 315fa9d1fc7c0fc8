package cn.huren.server.portal;

import cn.huren.server.operator.OperationLog;
import cn.huren.server.portal.Notice.NoticeView;
import cn.huren.server.support.InputValidator;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDirectory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators publish notices to a province's portal; anyone reads them through the tenant's API.
 * The operator path names the tenant explicitly and runs the write inside that tenant's context.
 */
@RestController
class NoticeController {

    record PublishNotice(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 20_000) String body) {
    }

    private final NoticeRepository notices;
    private final TenantDirectory directory;
    private final OperationLog operations;
    private final InputValidator validator;

    NoticeController(NoticeRepository notices, TenantDirectory directory, OperationLog operations, InputValidator validator) {
        this.notices = notices;
        this.directory = directory;
        this.operations = operations;
        this.validator = validator;
    }

    @GetMapping("/api/t/{tenant}/notices")
    List<NoticeView> list() {
        return notices.findTop20ByOrderByPublishedAtDesc().stream().map(Notice::view).toList();
    }

    @PostMapping("/api/platform/tenants/{code}/notices")
    @ResponseStatus(HttpStatus.CREATED)
    NoticeView publish(@PathVariable String code, @RequestBody PublishNotice body) {
        return operations.record("notice.publish", code, body.title(), () -> {
            validator.check(body);
            return TenantContext.callAs(directory.require(code), () -> notices.save(new Notice(body.title(), body.body())).view());
        });
    }
}
