package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyDocuments;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PortalUser;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * 电子件管理 (NMG-09): the signed-in person's own documents through the host's {@link PartyDocuments}, after the
 * CA binding (the registry step's order, NMG-02).
 */
@Component
class Documents {

    static final List<String> CATEGORIES = Arrays.stream(PartyDocuments.Category.values()).map(Enum::name).toList();

    private final PartyDocuments documents;
    private final IntakeProgress progress;

    Documents(PartyDocuments documents, IntakeProgress progress) {
        this.documents = documents;
        this.progress = progress;
    }

    /** The party of the signed-in user, once bound. */
    long party(PortalUser me) {
        long partyId = SignedIn.requireParty(me);
        progress.require(partyId, IntakeStep.REGISTRY);
        return partyId;
    }

    List<PartyRegistry.Document> list(long partyId) {
        return documents.list(partyId);
    }

    PartyRegistry.Document upload(PortalUser me, long partyId, String category, MultipartFile file) {
        if (category == null || category.isBlank()) {
            throw new PluginProblem(400, "document-category", "请选择电子件类别 / choose the kind of document",
                    List.of(new PluginProblem.FieldProblem("category", "必选 / required")));
        }
        if (file == null || file.isEmpty()) {
            throw new PluginProblem(400, "attachment-empty", "请选择要上传的文件 / choose a file to upload",
                    List.of(new PluginProblem.FieldProblem("file", "请选择文件 / choose a file")));
        }
        byte[] content;
        try {
            content = file.getBytes();
        } catch (IOException e) {
            throw new PluginProblem(400, "attachment-unreadable", "文件读取失败，请重新上传 / the file could not be read; upload it again");
        }
        try {
            return documents.upload(partyId, category, file.getOriginalFilename(), file.getContentType(), content, actor(me, partyId));
        } catch (PluginProblem p) {
            // the refusal of the file itself belongs next to the file field (the category's names its own field)
            if (p.code().startsWith("attachment-") && p.fields().isEmpty()) {
                throw new PluginProblem(p.status(), p.code(), p.getMessage(), List.of(new PluginProblem.FieldProblem("file", p.getMessage())));
            }
            throw p;
        }
    }

    void remove(PortalUser me, long partyId, String documentId) {
        documents.remove(partyId, documentId, actor(me, partyId));
    }

    /** Who did it, for the ledger: the party and, when signed in with one, the certificate. */
    static String actor(PortalUser me, long partyId) {
        return "party:" + partyId + "/" + me.authentication() + me.certificate().map(c -> "/" + c.serial()).orElse("");
    }
}
