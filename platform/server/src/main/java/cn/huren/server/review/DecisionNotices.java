package cn.huren.server.review;

import cn.huren.plugin.api.Notice;
import cn.huren.plugin.api.NoticeKind;
import cn.huren.server.notice.Notices;
import org.springframework.stereotype.Component;

/**
 * The one place a reviewer's decision becomes a notice ("审核通过" / "审核未通过") to the party the item is
 * about, for every kind: the kind's handler names the party and the subject, this writes the words. Joins the
 * decision's transaction, so a decision undone leaves no notice.
 */
@Component
class DecisionNotices {

    private final Notices notices;

    DecisionNotices(Notices notices) {
        this.notices = notices;
    }

    /** How many accounts were told. */
    int tell(ReviewHandler.Subject subject, boolean approved, String reason) {
        return notices.toParty(subject.partyId(), notice(subject, approved, reason));
    }

    static Notice notice(ReviewHandler.Subject subject, boolean approved, String reason) {
        if (approved) {
            return new Notice(NoticeKind.REVIEW_APPROVED, "审核通过：" + subject.nameZh(), "Approved: " + subject.nameEn(),
                    "您的" + subject.nameZh() + "已审核通过。", "Your " + subject.nameEn() + " was approved.", subject.link());
        }
        return new Notice(NoticeKind.REVIEW_REJECTED, "审核未通过：" + subject.nameZh(), "Not approved: " + subject.nameEn(),
                "您的" + subject.nameZh() + "未通过审核。原因：" + reason, "Your " + subject.nameEn() + " was not approved. Reason: " + reason,
                subject.link());
    }
}
