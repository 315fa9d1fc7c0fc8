package cn.huren.server.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface TrackRecordRepository extends JpaRepository<TrackRecord, Long> {

    Optional<TrackRecord> findByIdAndPartyId(long id, long partyId);

    List<TrackRecord> findByPartyIdAndBoardOrderByIdDesc(long partyId, ProjectBoard board);

    long countByPartyIdAndStatus(long partyId, TrackRecordStatus status);

    Optional<TrackRecord> findFirstByProjectIdOrderByIdDesc(long projectId);

    /** Serialises uses and voids of one track record. */
    @org.springframework.data.jpa.repository.Lock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from TrackRecord t where t.id = :id")
    Optional<TrackRecord> lockById(long id);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            with inserted as (
              insert into track_record_use (track_record_id, use_id, reported_by, reported_at)
              values (:id, :useId, :reporter, now()) on conflict do nothing returning 1)
            update track_record set use_count = use_count + (select count(*) from inserted), version = version + 1
            where id = :id and status = 'NORMAL'""",
            nativeQuery = true)
    int recordUse(long id, String useId, String reporter);
}
