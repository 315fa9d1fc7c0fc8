package cn.huren.plugin.api;

import java.util.List;

/**
 * Host service: a party's own electronic documents (电子件) in the current tenant — ID card copies, qualification
 * certificates — uploaded and removed by the party, each under a category of the core's vocabulary
 * ({@link Category}); {@link PartyRegistry#snapshot} reports that category. The core keeps the files (PDF, JPEG,
 * PNG by content, size limit, per-party daily quota) and records every upload and removal in the tenant's ledger.
 * Refusals are {@link PluginProblem}s: 400 {@code document-category} (unknown category), 400 {@code attachment-empty},
 * 413 {@code attachment-too-large}, 415 {@code attachment-type} / {@code attachment-disguised}, 429
 * {@code attachment-quota}, 404 {@code party-not-found} / {@code document-not-found} (another party's document, or
 * another tenant's, is not found).
 */
public interface PartyDocuments {

    /** The categories a party's own document may have; a registration document's role is the core's business. */
    enum Category { ID_CARD_FRONT, ID_CARD_BACK, QUALIFICATION, OTHER }

    /** The party's documents, oldest first, each with its category (as in {@link PartyRegistry.Snapshot#documents}). */
    List<PartyRegistry.Document> list(long partyId);

    /**
     * Stores a document of the party under {@code category} (a {@link Category} name).
     *
     * @param contentType what the client declared, or null; the core reads the type from the content and refuses a
     *                    declared PDF/JPEG/PNG type that the content contradicts
     * @param actor       who uploads, for the ledger (e.g. {@code party:42})
     */
    PartyRegistry.Document upload(long partyId, String category, String fileName, String contentType, byte[] content, String actor);

    /**
     * Removes a document the party uploaded here (404 {@code document-not-found} for another party's, or one the core
     * holds for another purpose, e.g. a registration document). The file is deleted unless the registry cites it.
     */
    void remove(long partyId, String documentId, String actor);
}
