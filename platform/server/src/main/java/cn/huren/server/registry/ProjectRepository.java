package cn.huren.server.registry;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProjectRepository extends JpaRepository<Project, Long> {

    Optional<Project> findByIdAndPartyId(long id, long partyId);

    Optional<Project> findByPartyIdAndPlatformCode(long partyId, String platformCode);

    List<Project> findByPartyIdAndBoardOrderByIdDesc(long partyId, ProjectBoard board);

    long countByPartyId(long partyId);
}
