package cn.huren.server.handover;

import cn.huren.server.review.ReviewHandler;
import cn.huren.server.review.ReviewItem;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The reviewer's decisions on handovers by letter (APP-79) and appeals (APP-80), in the decision's transaction. */
final class HandoverReviewHandlers {

    private HandoverReviewHandlers() {
    }

    /** Shared by both kinds: approve swaps the roles, reject closes the request; the submitter is told by the queue. */
    abstract static class Base implements ReviewHandler {

        final Handovers handovers;

        Base(Handovers handovers) {
            this.handovers = handovers;
        }

        @Override
        public void approved(ReviewItem item, String reviewer) {
            handovers.approved(Long.parseLong(item.subjectRef()), reviewer);
        }

        @Override
        public void rejected(ReviewItem item, String reason, String reviewer) {
            handovers.rejected(Long.parseLong(item.subjectRef()), reason, reviewer);
        }

        @Override
        public Optional<Subject> subject(String tenant, ReviewItem item) {
            long id = Long.parseLong(item.subjectRef());
            return handovers.find(id).flatMap(h -> handovers.submitterParty(id).map(party -> new Subject(party, nameZh() + " " + id,
                    nameEn() + " " + id, "/t/" + tenant + "/account/enterprises/" + h.enterpriseId() + "/" + page())));
        }

        /** The reviewer's link on the item: the sealed letter itself. */
        @Override
        public String page(String tenant, ReviewItem item) {
            return "/api/review/" + tenant + "/admin-handovers/" + item.subjectRef() + "/letter";
        }

        abstract String nameZh();

        abstract String nameEn();

        abstract String page();
    }

    @Component
    static class Handover extends Base {

        Handover(Handovers handovers) {
            super(handovers);
        }

        @Override
        public String kind() {
            return Handovers.KIND_HANDOVER;
        }

        @Override
        String nameZh() {
            return "管理员移交";
        }

        @Override
        String nameEn() {
            return "administrator handover";
        }

        @Override
        String page() {
            return "handover";
        }
    }

    @Component
    static class Appeal extends Base {

        Appeal(Handovers handovers) {
            super(handovers);
        }

        @Override
        public String kind() {
            return Handovers.KIND_APPEAL;
        }

        @Override
        String nameZh() {
            return "申诉成为管理员";
        }

        @Override
        String nameEn() {
            return "appeal to become administrator";
        }

        @Override
        String page() {
            return "appeal";
        }
    }
}
