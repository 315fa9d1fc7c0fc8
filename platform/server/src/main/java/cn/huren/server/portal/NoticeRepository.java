package cn.huren.server.portal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface NoticeRepository extends JpaRepository<Notice, Long> {

    List<Notice> findTop20ByOrderByPublishedAtDesc();
}
