package cn.huren.server.tenancy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TenantRepository extends JpaRepository<Tenant, Long> {

    Optional<Tenant> findByCode(String code);

    boolean existsByCode(String code);

    @Query("select t from Tenant t join t.hosts h where h = :host")
    Optional<Tenant> findByHost(String host);

    @Query("select h from Tenant t join t.hosts h where h in :hosts")
    List<String> findTakenHosts(Collection<String> hosts);

    @Query("""
            select t from Tenant t
            where t.status <> cn.huren.server.tenancy.TenantStatus.PROVISIONING
              and (t.code like :q or lower(t.nameZh) like :q or lower(t.nameEn) like :q)
            """)
    Page<Tenant> search(String q, Pageable pageable);

    List<Tenant> findByStatusNot(TenantStatus status);

    @Query("select t.code from Tenant t where t.status <> cn.huren.server.tenancy.TenantStatus.PROVISIONING order by t.code")
    List<String> findOnboardedCodes();

    List<Tenant> findByStatusAndCreatedAtBefore(TenantStatus status, Instant before);
}
