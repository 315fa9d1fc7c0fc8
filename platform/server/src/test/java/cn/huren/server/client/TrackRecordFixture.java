package cn.huren.server.client;

import cn.huren.server.party.Attachments;
import cn.huren.server.registry.ProjectBoard;
import cn.huren.server.registry.Projects;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test fixture: a party's off-platform project completed into a NORMAL track record (JS-38), as the party would. */
public final class TrackRecordFixture {

    public static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF".getBytes(StandardCharsets.US_ASCII);

    private TrackRecordFixture() {
    }

    public static long completed(Projects projects, Attachments attachments, TenantDescriptor tenant, long party, String name) {
        return TenantContext.callAs(tenant, () -> {
            long project = projects.createOffPlatform(party, ProjectBoard.ENTERPRISE, Map.of("name", name, "owner", "某市住建局"),
                    true, "p").id();
            return projects.complete(party, project, cn.huren.server.party.ExpectedVersion.ANY, Map.of("contractNumber", "HT-" + project, "contractAmount", "1200000",
                    "signedOn", "2023-01-10", "completedOn", "2024-06-30"),
                    List.of(attachments.store(party, "completion.pdf", PDF).id()), "p").id();
        });
    }
}
