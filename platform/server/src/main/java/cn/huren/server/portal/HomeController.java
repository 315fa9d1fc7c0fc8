package cn.huren.server.portal;

import cn.huren.server.tenancy.TenantContext;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A province's portal home, branded from its tenant; the bare platform host leads to the console. */
@Controller
class HomeController {

    private final NoticeRepository notices;

    HomeController(NoticeRepository notices) {
        this.notices = notices;
    }

    @GetMapping({"/", "/t/{tenant}", "/t/{tenant}/"})
    String home(Model model) {
        if (TenantContext.current().isEmpty()) {
            return "redirect:/console";
        }
        model.addAttribute("notices", notices.findTop20ByOrderByPublishedAtDesc().stream().map(Notice::view).toList());
        return "portal/home";
    }
}
