package cn.huren.plugins.neimenggu;

import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.PortalUser;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** 电子件管理 for apps (NMG-09): {@code /api/t/{t}/plugins/neimenggu/me/documents}. */
@RestController
class DocumentsController {

    /** The person's documents and the categories a document may have. */
    record Listing(List<String> categories, List<PartyRegistry.Document> documents) {
    }

    private final SignedIn signedIn;
    private final Documents documents;

    DocumentsController(SignedIn signedIn, Documents documents) {
        this.signedIn = signedIn;
        this.documents = documents;
    }

    @GetMapping("/me/electronic-documents")
    Listing list() {
        long partyId = documents.party(signedIn.require());
        return new Listing(Documents.CATEGORIES, documents.list(partyId));
    }

    /** Multipart {@code file} and {@code category}: 201 with the stored document. */
    @PostMapping("/me/electronic-documents")
    @ResponseStatus(HttpStatus.CREATED)
    PartyRegistry.Document upload(@RequestParam(required = false) String category,
                                  @RequestParam(required = false) MultipartFile file) {
        PortalUser me = signedIn.require();
        return documents.upload(me, documents.party(me), category, file);
    }

    @DeleteMapping("/me/electronic-documents/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String id) {
        PortalUser me = signedIn.require();
        documents.remove(me, documents.party(me), id);
    }
}
