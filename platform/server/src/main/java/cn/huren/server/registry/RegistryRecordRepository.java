package cn.huren.server.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RegistryRecordRepository extends JpaRepository<RegistryRecord, Long> {

    List<RegistryRecord> findByPartyIdAndKindOrderByIdDesc(long partyId, RecordKind kind);


    Optional<RegistryRecord> findByIdAndPartyId(long id, long partyId);

    /** Kind, status and how many, for the party's own records (a person's sub-records are counted under the person). */
    @org.springframework.data.jpa.repository.Query("""
            select r.kind, r.lifecycle.status, count(r) from RegistryRecord r
            where r.partyId = :party and r.parentId is null group by r.kind, r.lifecycle.status""")
    List<Object[]> countByKindAndStatus(@org.springframework.data.repository.query.Param("party") long partyId);

    List<RegistryRecord> findByPartyIdAndParentIdAndKindOrderByIdDesc(long partyId, long parentId, RecordKind kind);
}
