package cn.huren.server.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RegistryRecordRepository extends JpaRepository<RegistryRecord, Long> {

    List<RegistryRecord> findByPartyIdAndKindOrderByIdDesc(long partyId, RecordKind kind);

    List<RegistryRecord> findByPartyIdAndKindAndLifecycleStatusOrderByIdDesc(long partyId, RecordKind kind, RecordStatus status);

    Optional<RegistryRecord> findByIdAndPartyId(long id, long partyId);

    List<RegistryRecord> findByPartyIdAndParentIdAndKindOrderByIdDesc(long partyId, long parentId, RecordKind kind);
}
