package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PluginProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 单位信息 (NMG-15 – NMG-18) at {portal}/p/neimenggu/unit-info: the two documents with their 签章 (download, seal it
 * with the key's sealing tool, upload the .p7s — as the core's commitment letter), their states, the button
 * 同步内蒙古主体库诚信信息, whether Hohhot's copy is current, and the read-only comparison with Hohhot's copy.
 */
@Controller
class UnitInfoPage {

    private final Me me;
    private final PledgeAndNotice documents;
    private final IntakeProgress progress;
    private final IntegritySync sync;
    private final SyncState state;
    private final CopyComparison comparison;

    UnitInfoPage(Me me, PledgeAndNotice documents, IntakeProgress progress, IntegritySync sync, SyncState state,
                 CopyComparison comparison) {
        this.me = me;
        this.documents = documents;
        this.progress = progress;
        this.sync = sync;
        this.state = state;
        this.comparison = comparison;
    }

    @GetMapping("/pages/unit-info")
    String page(@RequestParam(required = false) String done, @RequestParam(required = false) String compare, Model model) {
        long party = me.party(); // not signed in: a 401, which the host turns into the login and back
        if (compare != null) {
            model.addAttribute("comparison", SyncController.comparisonView(comparison.compare(party)));
        }
        return show(party, done, null, null, model);
    }

    /** The document's bytes to seal with the key's tool (or the device simulator's sign-document). */
    @GetMapping("/pages/unit-info/{document}.txt")
    ResponseEntity<byte[]> download(@PathVariable String document) {
        long party = me.party();
        SealedDocument which = SealedDocument.of(document);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(which.code + ".txt").build().toString())
                .body(documents.render(party, which));
    }

    /** {@code action=seal} (document, file or pasted signature), {@code sync} or {@code redeliver}; refusals shown on the page. */
    @PostMapping("/pages/unit-info")
    String act(@RequestParam String action, @RequestParam(required = false) String document,
               @RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String signature, Model model) {
        long party = me.partyToChange();
        try {
            if ("seal".equals(action)) {
                SealedDocument which = SealedDocument.of(document);
                progress.require(party, IntakeStep.SYNC);
                byte[] cms = file != null && !file.isEmpty() ? file.getBytes() : SyncController.decode(signature);
                documents.seal(party, which, cms);
                return "redirect:unit-info?done=sealed";
            }
            if ("sync".equals(action)) {
                IntegritySync.Result result = sync.sync(party);
                return "redirect:unit-info?compare&done=" + (result.outcome() == IntegritySync.Outcome.SUBMITTED ? "synced" : "current");
            }
            if ("redeliver".equals(action)) {
                sync.redeliver(party);
                return "redirect:unit-info?done=redelivered";
            }
            throw new PluginProblem(400, "action-unknown", "unknown action");
        } catch (PluginProblem e) {
            return show(party, null, e, document, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String show(long party, String done, PluginProblem problem, String problemDocument, Model model) {
        boolean activated = after(party);
        model.addAttribute("documents", documents.states(party).stream().map(SyncController::view).toList());
        SyncState.Status status = state.status(party);
        model.addAttribute("sync", SyncController.statusView(status, sync.delivery(status.last()).orElse(null), documents.unsealed(party),
                activated));
        model.addAttribute("activated", activated);
        model.addAttribute("done", done);
        model.addAttribute("problem", problem == null ? null : problem.getMessage());
        model.addAttribute("problemDocument", problemDocument);
        return "neimenggu/unit-info";
    }

    private boolean after(long party) {
        try {
            progress.require(party, IntakeStep.SYNC);
            return true;
        } catch (PluginProblem e) {
            return false;
        }
    }
}
