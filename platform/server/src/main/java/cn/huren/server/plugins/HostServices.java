package cn.huren.server.plugins;

import cn.huren.plugin.api.ApiCallers;
import cn.huren.plugin.api.BankTransferVerifier;
import cn.huren.plugin.api.ConfigValues;
import cn.huren.plugin.api.CurrentTenant;
import cn.huren.plugin.api.DocumentSeals;
import cn.huren.plugin.api.PartyDocuments;
import cn.huren.plugin.api.PartyRegistry;
import cn.huren.plugin.api.EmailSender;
import cn.huren.plugin.api.HostEnvironment;
import cn.huren.plugin.api.NoticeSender;
import cn.huren.plugin.api.PersonBindings;
import cn.huren.plugin.api.PhoneCodes;
import cn.huren.plugin.api.PluginProblem;
import cn.huren.plugin.api.PluginReviews;
import cn.huren.plugin.api.PluginSettings;
import cn.huren.plugin.api.PortalSignIn;
import cn.huren.plugin.api.PortalUsers;
import cn.huren.plugin.api.RealNameVerifier;
import cn.huren.plugin.api.RelyingParties;
import cn.huren.plugin.api.SmsSender;
import cn.huren.plugin.api.TrackRecordUses;
import cn.huren.plugin.api.TenantTransactions;
import cn.huren.server.tenancy.DemoMode;
import cn.huren.plugin.api.SyncEvent;
import cn.huren.plugin.api.SyncEvents;
import cn.huren.server.review.ReviewItem;
import cn.huren.server.review.ReviewQueue;
import cn.huren.server.smscode.PluginPhoneCodes;
import cn.huren.server.support.ApiException;
import cn.huren.server.sync.Outbox;
import cn.huren.server.sync.OutboxAdmin;
import cn.huren.server.tenancy.TenantContext;
import cn.huren.server.tenancy.TenantDescriptor;
import cn.huren.server.tenancy.TenantData;
import cn.huren.server.tenancy.TenantSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The whitelist: the only host objects a plugin's Spring context can inject. */
@Component
class HostServices {

    private final TenantData tenantData;
    private final TenantSettings settings;
    private final PortalSignIn signIn;
    private final ApiCallers callers;
    private final TrackRecordUses uses;
    private final boolean sandboxes;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final SmsSender sms;
    private final EmailSender email;
    private final NoticeSender notices;
    private final RealNameVerifier realNames;
    private final BankTransferVerifier bankTransfers;
    private final DocumentSeals documentSeals;
    private final PartyRegistry partyRegistry;
    private final PartyDocuments partyDocuments;
    /** Lazily: the core's services behind them reach back to the plugins (login methods, CA connectors, review handlers). */
    private final ObjectProvider<PersonBindings> personBindings;
    private final ObjectProvider<PluginPhoneCodes> phoneCodes;
    private final ObjectProvider<ReviewQueue> reviews;
    private final RelyingParties relyingParties;
    private final PortalUsers portalUsers;
    private final PluginLedgers ledgers;
    private final OutboxAdmin outboxAdmin;

    HostServices(TenantData tenantData, TenantSettings settings, PortalSignIn signIn, ApiCallers callers, TrackRecordUses uses,
                 Environment env, Outbox outbox, PlatformTransactionManager transactions, Clock clock, SmsSender sms,
                 EmailSender email, NoticeSender notices, RealNameVerifier realNames, BankTransferVerifier bankTransfers,
                 DocumentSeals documentSeals, PartyRegistry partyRegistry, PartyDocuments partyDocuments,
                 ObjectProvider<PersonBindings> personBindings, ObjectProvider<PluginPhoneCodes> phoneCodes,
                 ObjectProvider<ReviewQueue> reviews, RelyingParties relyingParties, PortalUsers portalUsers,
                 PluginLedgers ledgers, OutboxAdmin outboxAdmin) {
        this.ledgers = ledgers;
        this.outboxAdmin = outboxAdmin;
        this.documentSeals = documentSeals;
        this.partyRegistry = partyRegistry;
        this.partyDocuments = partyDocuments;
        this.personBindings = personBindings;
        this.phoneCodes = phoneCodes;
        this.reviews = reviews;
        this.relyingParties = relyingParties;
        this.portalUsers = portalUsers;
        this.realNames = realNames;
        this.bankTransfers = bankTransfers;
        this.clock = clock;
        this.sms = sms;
        this.email = email;
        this.notices = notices;
        this.tenantData = tenantData;
        this.settings = settings;
        this.signIn = signIn;
        this.callers = callers;
        this.uses = uses;
        // stand-ins of external systems: demo mode and tests only, never by a tenant's own configuration
        this.sandboxes = env.getProperty("huren.sandboxes", Boolean.class, DemoMode.on(env));
        this.outbox = outbox;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * The plugin's own {@link SyncEvents}: its events are typed {@code <pluginId>.<name>}, and only a
     * tenant on the plugin can publish them. With recipients the event is addressed to those API clients.
     */
    SyncEvents syncEvents(String pluginId) {
        return new SyncEvents() {
            @Override
            public UUID publish(SyncEvent event) {
                onPlugin();
                String type = pluginId + "." + event.name();
                return tx.execute(s -> event.recipients().isEmpty() ? outbox.publish(type, event.orderingKey(), event.data())
                        : outbox.publishTo(type, event.orderingKey(), event.data(), event.recipients()));
            }

            @Override
            public List<Delivery> deliveries(UUID eventId) {
                onPlugin();
                return eventId == null ? List.of() : outboxAdmin.deliveries(eventId, pluginId + ".").stream()
                        .map(d -> new Delivery(d.clientId(), d.status(), d.attempts(), d.deliveredAt(), d.lastStatus(), d.lastError(),
                                d.nextAttemptAt()))
                        .toList();
            }

            @Override
            public int redeliver(UUID eventId) {
                onPlugin();
                return eventId == null ? 0 : outboxAdmin.replayEvent(eventId, pluginId + ".");
            }

            private void onPlugin() {
                TenantDescriptor tenant = TenantContext.require();
                if (!pluginId.equals(tenant.pluginId())) {
                    throw new IllegalStateException("tenant " + tenant.code() + " is not on plugin " + pluginId);
                }
            }
        };
    }

    /** The plugin's own {@link PhoneCodes}: its purposes are {@code <pluginId>.<purpose>}, apart from the core's and other plugins'. */
    PhoneCodes phoneCodes(String pluginId) {
        return new PhoneCodes() {
            @Override
            public void send(String purpose, String mobile) {
                phoneCodes.getObject().of(pluginId).send(purpose, mobile);
            }

            @Override
            public boolean check(String purpose, String mobile, String code) {
                return phoneCodes.getObject().of(pluginId).check(purpose, mobile, code);
            }
        };
    }

    private static final Pattern REVIEW_KIND = Pattern.compile("[a-z][a-z0-9-]*");

    /**
     * The plugin's own {@link PluginReviews}: its items are of kind {@code <pluginId>.<kind>} on the queue of the current
     * tenant, which must be on the plugin; {@link PluginReviewHandler} brings the decisions back to it.
     */
    PluginReviews pluginReviews(String pluginId) {
        return new PluginReviews() {
            @Override
            public long submit(String kind, String subjectRef, String summary, String submittedBy) {
                String qualified = kind(kind);
                try {
                    return reviews.getObject().submit(qualified, subjectRef, summary, submittedBy).id();
                } catch (ApiException e) {
                    throw new PluginProblem(e.status().value(), e.kind(), e.getMessage());
                }
            }

            @Override
            public Optional<Long> open(String kind, String subjectRef) {
                return reviews.getObject().open(kind(kind), subjectRef).map(ReviewItem::id);
            }

            private String kind(String kind) {
                TenantDescriptor tenant = TenantContext.require();
                if (!pluginId.equals(tenant.pluginId())) {
                    throw new IllegalStateException("tenant " + tenant.code() + " is not on plugin " + pluginId);
                }
                String qualified = pluginId + "." + kind;
                if (kind == null || !REVIEW_KIND.matcher(kind).matches() || qualified.length() > 40) {
                    throw new IllegalArgumentException("a review kind is lower-case letters, digits or '-', at most "
                            + (39 - pluginId.length()) + " characters");
                }
                return qualified;
            }
        };
    }

    /** What a plugin's Spring context holds besides the parent's: the services that know which plugin calls them. */
    java.util.Map<String, Object> perPlugin(String pluginId) {
        return java.util.Map.of("syncEvents", syncEvents(pluginId), "phoneCodes", phoneCodes(pluginId),
                "pluginReviews", pluginReviews(pluginId), "pluginLedger", ledgers.of(pluginId));
    }

    GenericApplicationContext parentContext() {
        GenericApplicationContext parent = new GenericApplicationContext();
        parent.setDisplayName("huren host services");
        CurrentTenant currentTenant = () -> TenantContext.current().map(TenantDescriptor::info);
        PluginSettings pluginSettings = () -> new ConfigValues(settings.pluginConfig(currentTenant.require().code()));
        parent.registerBean(CurrentTenant.class, () -> currentTenant);
        parent.registerBean(PluginSettings.class, () -> pluginSettings);
        // the core's own tenant JDBC: joins the host's transaction (a CoreEventListener's), so writes and events commit together
        parent.registerBean(JdbcClient.class, () -> tenantData.jdbc());
        parent.registerBean(PortalSignIn.class, () -> signIn);
        parent.registerBean(ApiCallers.class, () -> callers);
        parent.registerBean(TrackRecordUses.class, () -> uses);
        HostEnvironment environment = () -> sandboxes;
        parent.registerBean(HostEnvironment.class, () -> environment);
        parent.registerBean(Clock.class, () -> clock); // the host's time, which tests move (docs/time.md)
        parent.registerBean(SmsSender.class, () -> sms); // the installation's provider, or the dev sink in sandboxes
        parent.registerBean(EmailSender.class, () -> email); // SMTP, or the dev sink in sandboxes
        parent.registerBean(NoticeSender.class, () -> notices); // the notice centre of the tenant's accounts
        parent.registerBean(RealNameVerifier.class, () -> realNames); // the current tenant's provider, or the sandbox
        parent.registerBean(BankTransferVerifier.class, () -> bankTransfers); // the tenant's bank gateway, or the sandbox bank
        parent.registerBean(DocumentSeals.class, () -> documentSeals); // a party's detached CMS seal, checked like the commitment letter's
        parent.registerBean(PartyRegistry.class, () -> partyRegistry); // a party's registry data, read only
        parent.registerBean(PartyDocuments.class, () -> partyDocuments); // NMG-09 a party's own 电子件, with their categories
        PersonBindings bindings = new PersonBindings() { // the core's registration and binding void (login.HostPersonBindings)
            @Override
            public long registerCurrentHolder(ContactDetails contact) {
                return personBindings.getObject().registerCurrentHolder(contact);
            }

            @Override
            public List<BoundCertificate> active(long partyId) {
                return personBindings.getObject().active(partyId);
            }

            @Override
            public void end(long partyId, String fingerprint, String reason, String actor) {
                personBindings.getObject().end(partyId, fingerprint, reason, actor);
            }
        };
        parent.registerBean(PersonBindings.class, () -> bindings);
        parent.registerBean(RelyingParties.class, () -> relyingParties); // the tenant's OpenID relying parties and parties' consents
        parent.registerBean(PortalUsers.class, () -> portalUsers); // who the request is signed in as (page session or bearer token)
        TenantTransactions transactions = new TenantTransactions() {
            @Override
            public <T> T inTransaction(java.util.function.Supplier<T> work) {
                TenantContext.require(); // a plugin's transaction belongs to the tenant of its request, job or event
                return tx.execute(s -> work.get());
            }
        };
        parent.registerBean(TenantTransactions.class, () -> transactions); // one host transaction the plugin's writes and events join
        parent.refresh();
        return parent;
    }
}
