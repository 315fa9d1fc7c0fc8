package cn.huren.plugin.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Host service: reads a party's registry data in the current tenant — what a region checks for completeness or
 * pushes to another platform. Read only: the registry is maintained on the core's pages and API.
 */
public interface PartyRegistry {

    Optional<Snapshot> snapshot(long partyId);

    /** The natural-person party of that resident ID in the current tenant, if registered. */
    java.util.OptionalLong findNaturalPerson(String residentId);

    /**
     * @param fields      the basic information, by the core's field names (e.g. {@code name}, {@code uscc} or
     *                    {@code residentId}, {@code contactName}, {@code contactPhone}, {@code email}, {@code address};
     *                    the list: docs/plugins.md); a blank field is absent
     * @param documents   the party's electronic documents (电子件)
     * @param records     the party's registry records that are not voided
     * @param version     the basic information's version (changes with every save)
     */
    record Snapshot(long partyId, String kind, String name, String identifier, long version, Map<String, String> fields,
                    List<Document> documents, List<Record> records, Instant updatedAt) {
    }

    /**
     * @param category the kind of document as the core names it: a registration role ({@code BUSINESS_LICENCE},
     *                 {@code LEGAL_REPRESENTATIVE}), else the {@link PartyDocuments.Category} it was uploaded under,
     *                 else {@code OTHER}
     */
    record Document(String id, String category, String fileName, String contentType, long size, String sha256, Instant uploadedAt) {
    }

    record Record(long id, String kind, String status, String title, long version) {
    }
}
