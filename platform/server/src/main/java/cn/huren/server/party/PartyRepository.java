package cn.huren.server.party;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface PartyRepository extends JpaRepository<Party, Long> {

    Optional<Party> findByUscc(String uscc);

    Optional<Party> findByResidentId(String residentId);
}
