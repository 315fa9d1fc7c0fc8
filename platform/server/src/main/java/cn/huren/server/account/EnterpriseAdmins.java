package cn.huren.server.account;

import java.util.Optional;

/**
 * ORD-04, ORD-05: finds the administrator's account of the enterprise with this full registered name (企业全称) or
 * USCC, for the ordering system's login by enterprise name. Implemented by the memberships (which depend on accounts,
 * not the other way round); empty when no enterprise, or not exactly one, has that name and an administrator.
 */
public interface EnterpriseAdmins {

    Optional<Long> adminAccount(String enterpriseNameOrUscc);
}
